"""Module docstring."""
import a
import a.b.c as d, e
from . import f
from .. import g as h
from ...i import j, k as l
from .... m import (n, o,)
from p import *
global q, r
x = y = z = 1
x, *y = z
[a, (b, c)] = d
a.b = c[d] = e
x: int
y: list[int] = []
(z): int = 1
a.b: int
c[d]: int = 2
x += 1; y -= 2; z *= 3; a @= b; c /= d; e %= f; g &= h; i |= j; k ^= l; m <<= n; o >>= p; q **= r; s //= t
assert x
assert x, "msg"
raise
raise X
raise X from Y
while x:
    break
else:
    continue
for i in range(10):
    pass
else:
    pass
for a, b in c: pass
for (a, b), *c in d: pass
if a:
    pass
elif b:
    pass
elif c:
    pass
else:
    pass
with a: pass
with a as b, c as (d, e): pass
with (a as b, c): pass
with (a, b): pass
with (a): pass
try:
    pass
except E:
    pass
except (E, F) as e:
    pass
except:
    pass
else:
    pass
finally:
    pass
try:
    pass
finally:
    pass
try:
    pass
except* E:
    pass
except* (F, G) as g:
    pass
type X = int
type Y[T] = list[T]
type = 1
match = 2
case = 3
_ = 4
print(type, match, case)
def f(): return
def g(): return 1, 2
def h(): yield; yield x; yield from y; x = yield z
class C: pass
class D(A, B, metaclass=M, **kw): x = 1
