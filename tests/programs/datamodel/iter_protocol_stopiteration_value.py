class It:
    def __iter__(self):
        return self
    def __next__(self):
        raise StopIteration("value ignored")
print(list(It()))
def g():
    r = yield from It()
    yield r
print(list(g()))
