print(int(), int(3.99), int(-3.99), int(True), int(1e20))
print(int(b"12"), int(bytearray(b"-7")))
class I:
    def __index__(self):
        return 9
class T:
    def __trunc__(self):
        return 4
class N:
    def __int__(self):
        return 5
print(int(I()), int(N()))
try:
    int(T())
except TypeError as e:
    print("TypeError", e)
for v in [float("inf"), float("nan"), None, [1]]:
    try:
        int(v)
    except (ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__, e)
