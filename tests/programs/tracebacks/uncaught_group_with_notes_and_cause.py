try:
    raise KeyError("base")
except KeyError as k:
    eg = ExceptionGroup("eg", [ValueError("v")])
    eg.add_note("group note")
    raise eg from k
