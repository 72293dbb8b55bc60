class Seq:
    def __init__(self, n):
        self.n = n
    def __reversed__(self):
        print("custom reversed")
        return iter(range(self.n - 1, -1, -1))
    def __iter__(self):
        return iter(range(self.n))
print(list(reversed(Seq(3))))
class Hinted:
    def __iter__(self):
        return self
    def __next__(self):
        raise StopIteration
    def __length_hint__(self):
        print("length_hint asked")
        return 5
print(list(Hinted()))
class NoRev:
    __reversed__ = None
    def __len__(self):
        return 1
    def __getitem__(self, i):
        return i
try:
    reversed(NoRev())
except TypeError as e:
    print(e)
