# `s += t` on a local may reuse the str object when nothing else refers to it
# (BINARY_OP_INPLACE_ADD_UNICODE); every other reference must keep the old value.
def build(n):
    s = ""
    for i in range(n):
        s += "ab"
    return s


s = build(50000)
print(len(s), s == "ab" * 50000, hash(s) == hash("ab" * 50000))


def aliases():
    t = "x"
    u = t
    t += "y"
    print(t, u)
    keys = {}
    k = "k" + str(1)
    keys[k] = 1
    k += "z"
    print(keys, k)
    parts = []
    p = "p" + str(2)
    parts.append(p)
    p += "q"
    print(parts, p)
    w = "\u00e9"
    w += "\u0436"
    w += "a"
    w += "\U0001f600"
    print(ascii(w), len(w), w == "\u00e9\u0436a\U0001f600", hash(w) == hash("\u00e9\u0436a\U0001f600"))
    h = "h" + str(3)
    before = hash(h)
    h += "!"
    print(h, hash(h) == hash("h3!"), before == hash("h3"))


aliases()
