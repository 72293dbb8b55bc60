def f():
    type A[T: (yield)] = T
