s = {3, 1, 2}
s.add(4)
s.add(1)
print(s, len(s), 1 in s, 9 not in s)
s.discard(9)
s.remove(4)
try:
    s.remove(99)
except KeyError as e:
    print("KeyError", e)
print(s, s.pop(), s)
s.clear()
print(s, set(), set("aab"), set([1, 2, 2]), set(range(5)))
print(set({1: 2}), {()}, {frozenset()})
try:
    set().pop()
except KeyError as e:
    print("KeyError", e)
try:
    {[1]}
except TypeError as e:
    print(e)
