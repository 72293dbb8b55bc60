x = 5
x += 3; x -= 1; x *= 2; x //= 3; x **= 2; x %= 7; x <<= 3; x >>= 1; x |= 1; x &= 13; x ^= 6
print(x)
y = 10.0
y /= 4
print(y)
s = "ab"
s *= 3
print(s)
l = [1]
l *= 3
print(l)
d = {"n": 1}
d["n"] += 1
print(d)
class O: pass
o = O()
o.v = 1
o.v += 1
print(o.v)
