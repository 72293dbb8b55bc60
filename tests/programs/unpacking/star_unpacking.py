a, *b, c = range(6)
print(a, b, c)
*init, last = "hello"
print(init, last)
first, *rest = [1]
print(first, rest)
[x, [y, *z]] = [1, [2, 3, 4]]
print(x, y, z)
print(*[1, 2], *"ab")
print([*range(3), *{4: 0}], (*[1], 2), {*"aab", 3} == {"a", "b", 3}, {**{"a": 1}, "b": 2, **{"a": 3}})
try:
    a, *b, c = [1]
except ValueError as e:
    print(e)
