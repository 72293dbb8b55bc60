def g():
    yield 1
x = g()
print(list(x))
try:
    x.send(None)
except StopIteration as e:
    print("exhausted", e.value)
try:
    x.throw(ValueError("late"))
except ValueError as e:
    print("throw on exhausted re-raises", e)
