# A for loop over a generator: close() and throw() from the loop body, the generator calling
# next() on itself, f_back inside it, settrace started inside it, an exception in the body.
import sys
def g():
    yield 1
    yield 2
    yield 3
it = g()
for x in it:
    print("x", x)
    if x == 1:
        it.close()
print("after close", list(it))
def selfnext():
    yield 1
    try:
        next(me)
    except ValueError as e:
        print("ValueError", e)
    yield 2
me = selfnext()
for v in me:
    print("v", v)
def back():
    f = sys._getframe()
    yield f.f_back.f_code.co_name
def caller():
    for n in back():
        print("f_back", n)
caller()
def tracer(frame, event, arg):
    if event in ("call", "return"):
        print("trace", event, frame.f_code.co_name)
    return None
def tg():
    yield 1
    sys.settrace(tracer)
    yield 2
    yield 3
def run():
    for v in tg():
        print("tv", v)
run()
sys.settrace(None)
def body_raises():
    yield 1
    yield 2
b = body_raises()
try:
    for v in b:
        raise KeyError(v)
except KeyError as e:
    print("KeyError", e, b.gi_suspended if hasattr(b, "gi_suspended") else None, next(b))
def thrower():
    try:
        yield 1
        yield 2
    except ZeroDivisionError:
        yield "handled"
t = thrower()
for v in t:
    print("t", v)
    if v == 1:
        print("throw ->", t.throw(ZeroDivisionError))
