type A[] = int
