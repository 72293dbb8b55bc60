def f():
    class C:
        return 5
    return C
