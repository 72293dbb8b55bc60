print(sum([1, 2, 3]), sum([1, 2], 10), sum([0.1] * 10), sum([[1], [2]], []), sum(range(101)), sum([], 5))
print(sum([1.5, 2, 3j]), sum((x for x in range(5)), start=100))
try:
    sum(["a", "b"], "")
except TypeError as e:
    print(e)
print(min(3, 1, 2), max("apple", "fig", key=len), min([], default="empty"), max([1, 5, 3]))
print(min([(1, "b"), (1, "a")]), max([1, 3, 3.0]), max(3.0, 3), min("bca"))
print(min([3, 1, 2], key=lambda x: -x), max({}, default=None))
for bad in [lambda: min([]), lambda: max(), lambda: min(1), lambda: max([1], [2], default=0)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
