print(5 / 2, 5 // 2, type(5 / 2).__name__, "hello", type(range(3)).__name__, type(input).__name__)
