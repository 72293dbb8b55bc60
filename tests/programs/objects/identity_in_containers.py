class C:
    def __eq__(self, o):
        return False
    __hash__ = object.__hash__
c = C()
print(c in [c], c in (c,), c in {c: 1}, [c].count(c), [c] == [c], (c,) == (c,))
