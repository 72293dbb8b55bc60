type A[T: (x := int)] = T
