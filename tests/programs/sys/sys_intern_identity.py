import sys
s = "".join(["dyn", "amic"])
t = "".join(["dyn", "amic"])
print(s == t, s is t)
print(sys.intern(s) is sys.intern(t))
