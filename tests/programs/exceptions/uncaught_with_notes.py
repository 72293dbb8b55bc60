try:
    raise TypeError("bad type")
except TypeError as e:
    e.add_note("note one")
    e.add_note("note two\nmultiline")
    raise
