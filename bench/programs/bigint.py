"""Big integers with plain ints: digits of pi from Machin's arctangent formula in
fixed point, digits of e from the factorial series, an unbounded streaming spigot for pi
driven by big-integer state, Fibonacci numbers by fast doubling, factorials and modular
exponentiation. Decimal conversions stay below the 4300-digit str() limit.

Measures multi-limb multiplication, division and decimal conversion."""


def arctan_inv(x, scale):
    # arctan(1/x) * scale by the alternating Taylor series.
    total = term = scale // x
    x2 = x * x
    k = 1
    sign = -1
    while term:
        term //= x2
        total += sign * (term // (2 * k + 1))
        sign = -sign
        k += 1
    return total


def pi_machin(digits):
    scale = 10 ** (digits + 10)
    pi = 4 * (4 * arctan_inv(5, scale) - arctan_inv(239, scale))
    return pi // 10 ** 10


def e_series(digits):
    scale = 10 ** (digits + 10)
    total = 0
    term = scale
    k = 1
    while term:
        total += term
        term //= k
        k += 1
    return total // 10 ** 10


def pi_stream(count):
    # State (q, r, t) of a linear fractional transformation composed with one more term
    # of the series per step; a digit is emitted once the floor is the same at 3 and 4.
    q, r, t, k = 1, 0, 1, 1
    out = []
    while len(out) < count:
        d3 = (3 * q + r) // t
        d4 = (4 * q + r) // t
        if d3 == d4:
            out.append(d3)
            q, r = 10 * q, 10 * (r - d3 * t)
        else:
            q, r, t = q * k, (2 * q + r) * (2 * k + 1), t * (2 * k + 1)
            k += 1
    return out


def fib_pair(n):
    # (F(n), F(n+1)) by fast doubling.
    if n == 0:
        return 0, 1
    a, b = fib_pair(n >> 1)
    c = a * (2 * b - a)
    d = a * a + b * b
    return (d, c + d) if n & 1 else (c, d)


def main():
    check = 0
    for digits in range(1000, 4300, 100):
        pi = str(pi_machin(digits))
        e = str(e_series(digits))
        check += sum(int(c) for c in pi) * 7 + sum(int(c) for c in e)
    stream = pi_stream(2800)
    agree = "".join(map(str, stream)) == str(pi_machin(2800))[:2800]
    f = 1
    for i in range(1, 6000):
        f *= i
    check += f % 1000000007 + f.bit_length()
    fa, fb = fib_pair(1500000)
    check += fa % 998244353 + fb.bit_length()
    m = (1 << 2203) - 1
    check += pow(3, m - 1, m) + pow(12345, 10 ** 40, m) % 1000
    print("bigint", pi[:12], e[:12], agree, check)

main()
