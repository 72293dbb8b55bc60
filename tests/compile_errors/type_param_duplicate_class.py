class C[T, U, T]:
    pass
