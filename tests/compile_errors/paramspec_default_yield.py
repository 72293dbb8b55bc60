def g():
    type A[**P=(yield)] = int
