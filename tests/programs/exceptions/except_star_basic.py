try:
    raise ExceptionGroup("eg", [ValueError(1), TypeError(2), ValueError(3)])
except* ValueError as eg:
    print("value", repr(eg), eg.exceptions)
except* TypeError as eg:
    print("type", repr(eg))
try:
    raise ValueError("naked")
except* ValueError as eg:
    print("wrapped", repr(eg))
