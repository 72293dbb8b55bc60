type A[X, *X] = int
