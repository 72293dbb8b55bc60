s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, slice(5), slice(None, None, -1))
print(s.indices(5), slice(None, None, -1).indices(4), slice(-3, None).indices(10))
print(slice(1, 2) == slice(1, 2), "abcdef"[slice(1, None, 2)])
try:
    slice(0, 1, 0).indices(3)
except ValueError as e:
    print(e)
print(hash(slice(1, 2)) == hash(slice(1, 2)))
class Idx:
    def __getitem__(self, k):
        return k
print(Idx()[1:2], Idx()[::3], Idx()[1:2, 3], Idx()[...], Idx()[:, None])
