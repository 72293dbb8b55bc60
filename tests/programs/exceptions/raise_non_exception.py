for bad in [5, "str", object, type]:
    try:
        raise bad
    except TypeError as e:
        print(e)
class NotExc:
    pass
try:
    raise NotExc()
except TypeError as e:
    print(e)
try:
    raise
except RuntimeError as e:
    print(e)
