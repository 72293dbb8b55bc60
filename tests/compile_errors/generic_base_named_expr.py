class C[T]((x := object)):
    pass
