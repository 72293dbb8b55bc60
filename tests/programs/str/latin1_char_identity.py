# One-character Latin-1 strings are shared objects however they are made (CPython's
# _Py_LATIN1_CHR): indexing, iteration, chr(), slicing, constants; others are not.
import sys

h = "h"
e_acute = "\u00e9"
s = "h\u00e9llo w\u00f6rld"
print(s[0] is h, s[1] is e_acute, chr(104) is h, [c for c in "ha"][0] is h)
print(s[0:1] is h, "h" + "" is h, str(h) is h, sys.intern("h") is h)
zh = "\u0436"
print("\u0436x"[0] is zh, len(zh))
t = s[0]
t += "x"
print(t, s[0], h * 3)
