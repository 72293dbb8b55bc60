try:
    assert 1 == 2, "values differ"
except AssertionError as e:
    print(repr(e))
try:
    assert False
except AssertionError as e:
    print(repr(e), e.args)
x = []
assert x == [], "fine"
print("ok")
