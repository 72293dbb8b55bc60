"""Exceptions: raising and catching built-in and user-defined exceptions in loops, a
small exception hierarchy matched by base class, try/except/else/finally, re-raising and
`raise ... from`, KeyError/IndexError/ZeroDivisionError raised by the interpreter itself,
exceptions crossing several frames, and context managers whose __exit__ suppresses.

Measures exception creation, unwinding through the exception table and handler matching."""


class AppError(Exception):
    pass


class NotFound(AppError):
    def __init__(self, key):
        super().__init__(key)
        self.key = key


class Invalid(AppError):
    pass


class Suppress:
    def __init__(self, kind):
        self.kind = kind
        self.caught = 0

    def __enter__(self):
        return self

    def __exit__(self, typ, val, tb):
        if typ is not None and issubclass(typ, self.kind):
            self.caught += 1
            return True
        return False


def parse(s):
    if not s:
        raise Invalid("empty")
    if not s.isdigit():
        raise ValueError(s)
    return int(s)


def lookup(table, key):
    try:
        return table[key]
    except KeyError:
        raise NotFound(key) from None


def deep(n):
    if n == 0:
        raise AppError("bottom")
    return deep(n - 1) + 1


def main():
    total = 0
    inputs = ["12", "", "x7", "40", "003", "-1", "9"]
    table = {i: i * i for i in range(0, 100, 3)}
    for rnd in range(100000):
        for s in inputs:
            try:
                total += parse(s)
            except Invalid:
                total += 100
            except ValueError as e:
                total += len(e.args[0])
            else:
                total += 1
            finally:
                total += 2
        try:
            total += lookup(table, rnd % 100)
        except NotFound as e:
            total += e.key % 10
        except AppError:
            total -= 1000000
        try:
            total += [1, 2, 3][rnd % 5]
        except IndexError:
            total += 7
        try:
            total += 100 // (rnd % 4)
        except ZeroDivisionError:
            total += 11
        if rnd % 8 == 0:
            try:
                deep(20)
            except AppError as e:
                total += len(str(e))
        try:
            try:
                raise Invalid(rnd)
            except Invalid as inner:
                raise AppError("outer") from inner
        except AppError as outer:
            total += outer.__cause__.args[0] % 3
    guard = Suppress(LookupError)
    for i in range(200000):
        with guard:
            total += {}[i] if i % 2 else [][i]
    print("exceptions", total, guard.caught)


main()
