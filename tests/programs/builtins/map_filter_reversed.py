print(list(map(str, [1, 2])), list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])), list(map(abs, [])))
print(list(filter(None, [0, 1, "", "a", None, [], [0]])), list(filter(lambda x: x > 2, range(6))))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed((1,))))
class Seq:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return i * 10
print(list(reversed(Seq())))
try:
    reversed(iter([1]))
except TypeError as e:
    print(e)
try:
    reversed({1})
except TypeError as e:
    print(e)
m = map(int, "12")
print(next(m), next(m), next(m, None))
try:
    map(1, [1])
    list(map(1, [1]))
except TypeError as e:
    print(e)
