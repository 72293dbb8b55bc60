try:
    sorted([3, 1, 2], key=lambda x: 1 / (x - 1))
except ZeroDivisionError as e:
    print("key raised", e)
class Bad:
    def __lt__(self, o):
        raise RuntimeError("cmp fails")
try:
    sorted([Bad(), Bad()])
except RuntimeError as e:
    print(e)
print(sorted([], key=lambda x: x.nothing), sorted([1], key=lambda x: x.nothing if False else x))
