# for loops over generators: values, exceptions and tracebacks through the generator,
# sys.exception() inside and outside, break/resume, nesting, recursion limits.
import sys
def g(n):
    for i in range(n):
        yield i
    return "done"
print(list(g(3)), sum(g(10)))
for x in g(3):
    print(x)
# exception inside generator propagates through for
def bad():
    yield 1
    raise ValueError("boom")
try:
    for x in bad():
        print("got", x)
except ValueError as e:
    print("caught", e, type(e.__traceback__.tb_next.tb_frame.f_code.co_name))
# exc_info inside generator and after
def h():
    try:
        raise KeyError("k")
    except KeyError:
        yield sys.exception()
        yield sys.exception()
    yield sys.exception()
try:
    raise TypeError("outer")
except TypeError:
    for e in h():
        print(repr(e), repr(sys.exception()))
print(repr(sys.exception()))
# break out of loop: generator stays suspended
def cnt():
    i = 0
    while True:
        yield i
        i += 1
c = cnt()
for v in c:
    if v == 3:
        break
print(next(c), c.gi_running, c.gi_frame.f_lineno)
# generator running flag inside
def selfref():
    yield gen.gi_running
gen = selfref()
for v in gen:
    print("running", v)
# nested gens
def outer():
    for x in inner():
        yield x * 2
def inner():
    yield from range(3)
    yield 10
print(list(outer()), [a for a in outer()])
# StopIteration inside generator -> RuntimeError
def si():
    yield 1
    raise StopIteration
try:
    for v in si():
        pass
except RuntimeError as e:
    print("RuntimeError", e)
# recursion through generators
def rec(n):
    if n:
        for x in rec(n-1):
            yield x
    yield n
print(sum(rec(200)))
sys.setrecursionlimit(120)
try:
    print(sum(rec(500)))
except RecursionError as e:
    print("RecursionError", e)

sys.setrecursionlimit(1000)
def bad2():
    yield 1
    1/0
def use():
    for x in bad2():
        pass
use()
