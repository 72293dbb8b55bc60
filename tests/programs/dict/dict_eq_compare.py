print({"a": 1} == {"a": 1.0}, {"a": 1} != {"a": 2}, {1: 2} == {1: 2, 3: 4})
try:
    {1: 1} < {1: 1}
except TypeError as e:
    print(e)
print({}.keys() == set(), {1: 2}.items() == {(1, 2)})
