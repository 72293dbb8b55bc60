class C[__debug__]:
    pass
