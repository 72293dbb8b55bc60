class Loop:
    def __eq__(self, other):
        return self == other
try:
    Loop() == Loop()
except RecursionError as e:
    print("eq:", e)
