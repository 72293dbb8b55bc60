try:
    format(object(), "d")
except TypeError as e:
    print(e)
try:
    f"{[]:>5}"
except TypeError as e:
    print(e)
print(format([1], ""), f"{None}", f"{None!r:>6}")
