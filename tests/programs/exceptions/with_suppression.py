class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, et, ev, tb):
        print("exit", et.__name__ if et else None)
        return et is not None and issubclass(et, self.types)
with Suppress(KeyError):
    {}["x"]
print("after suppressed")
try:
    with Suppress(KeyError):
        1 / 0
except ZeroDivisionError:
    print("propagated")
with Suppress(KeyError) as s, Suppress(ValueError):
    raise KeyError
print("nested suppress done")
def f():
    with Suppress(Exception):
        return "returned"
print(f())
