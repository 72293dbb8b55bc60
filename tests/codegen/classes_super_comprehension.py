"""Doc
   x"""
import os
from a import b
class C(B, metaclass=M):
    "cdoc"
    x: int = 3
    def m(self, a, *args, k=1, **kw):
        super().m(a)
        self.y = a.b.c(1, k=2)
        return [x for x in a if x]
f(*a, **k)
a < b < c
