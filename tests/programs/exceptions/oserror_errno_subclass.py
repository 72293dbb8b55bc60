for errno in [1, 2, 4, 10, 11, 13, 17, 20, 21, 32, 104, 110, 111, 99999]:
    e = OSError(errno, "msg")
    print(errno, type(e).__name__)
print(type(OSError("x")).__name__, type(OSError(2)).__name__)
print(IOError is OSError, EnvironmentError is OSError)
class MyOS(OSError):
    pass
print(type(MyOS(2, "x")).__name__)
e = FileNotFoundError(2, "gone", "f", 5, "g")
print(e, e.filename2)
