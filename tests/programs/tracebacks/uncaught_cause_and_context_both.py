try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise KeyError("k") from ValueError("explicit cause")
except KeyError:
    raise
