e = ValueError("x")
e.add_note("first")
e.add_note("second")
print(e.__notes__)
try:
    e.add_note(5)
except TypeError as err:
    print(err)
e.__notes__ = "not a list"
try:
    e.add_note("x")
except TypeError as err:
    print(err)
