for v in [0, 1, -1, 10**20, 0.1, 1/3, 1e300, -2.5e-300, float("inf")]:
    s = repr(v)
    back = type(v)(s)
    print(s, back == v, type(back).__name__)
