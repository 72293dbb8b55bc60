import sys
a = sys.intern("hello world!" * 2)
b = sys.intern("hello world!hello world!")
print(a is b, a == b)
try:
    sys.intern(1)
except TypeError as e:
    print(e)
class S(str):
    pass
try:
    sys.intern(S("x"))
except TypeError as e:
    print(e)
