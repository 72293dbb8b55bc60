def recurse(n):
    if n == 0:
        raise ValueError("deep")
    recurse(n - 1)
recurse(30)
