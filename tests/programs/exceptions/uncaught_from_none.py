try:
    [][0]
except IndexError:
    raise LookupError("clean") from None
