try:
    1 / 0
except ZeroDivisionError as e:
    err = ValueError("replacement")
    err.__cause__ = None
    err.__suppress_context__ = False
    raise err
