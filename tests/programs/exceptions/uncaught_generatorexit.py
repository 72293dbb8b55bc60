raise GeneratorExit("odd but allowed")
