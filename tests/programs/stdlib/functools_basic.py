from functools import reduce, partial, lru_cache, wraps, total_ordering, cached_property
print(reduce(lambda a, b: a * b, range(1, 6)))
p = partial(int, base=2)
print(p("1010"), p.func.__name__, p.keywords)
@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info())
def deco(f):
    @wraps(f)
    def w(*a):
        return f(*a)
    return w
@deco
def named():
    "doc"
print(named.__name__, named.__doc__, named.__wrapped__.__name__)
@total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(V(1) >= V(0), V(1) <= V(0))
class C:
    @cached_property
    def val(self):
        print("computing")
        return 42
c = C()
print(c.val, c.val)
