def f():
    return 1
co = f.__code__
co2 = co.replace(co_name="renamed", co_consts=tuple(2 if c == 1 else c for c in co.co_consts))
print(co2.co_name, co.co_name, co2 == co)
f.__code__ = co2
print(f(), f.__name__)
g = type(f)(co2, {})
print(g())
try:
    co.replace(co_bogus=1)
except TypeError as e:
    print(e)
print(co.replace() == co, hash(co.replace()) == hash(co))
