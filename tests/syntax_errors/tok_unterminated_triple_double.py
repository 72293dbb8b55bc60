x = """abc
more
