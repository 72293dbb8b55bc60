x = 10 ** 100
lo, hi = 0, x
while lo < hi:
    mid = (lo + hi + 1) // 2
    if mid * mid <= x:
        lo = mid
    else:
        hi = mid - 1
print(lo, lo == 10 ** 50)
print(pow(2, 10000) % 1000007, pow(7, 10 ** 18, 10 ** 9 + 7))
