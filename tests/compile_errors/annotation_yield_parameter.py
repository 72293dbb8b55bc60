from __future__ import annotations
def g():
    def f(a: (yield)):
        pass
