eg = ExceptionGroup("g", [ValueError("a")])
eg.exceptions[0].add_note("inner note")
try:
    raise eg
except* ValueError as caught:
    print(caught.exceptions[0].__notes__)
