a + b - c * d / e // f % g ** h @ i << j >> k & l | m ^ n ~ o
a += 1; a -= 1; a *= 1; a /= 1; a //= 1; a %= 1; a **= 1; a @= 1; a <<= 1; a >>= 1; a &= 1; a |= 1; a ^= 1
a < b > c <= d >= e == f != g <> h := i -> j ... k . l , m : n ; o ! p
(a)[b]{c}
