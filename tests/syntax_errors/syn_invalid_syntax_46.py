del A[*b:*b]
