def f():
    class C:
        v = [(w := 1) for q in range(2)]
    return C
