import sys
print("a", "b", sep="-", end="!\n")
print("x", 1, None, sep="")
print(end="")
print()
print("to stderr", file=sys.stderr)
print("flush", flush=True)
print(*range(5), sep=", ")
print("no newline", end="")
print(" continued")
print(None, sep=None, end=None)
try:
    print(sep=1)
except TypeError as e:
    print(e)
print("multiple", "stderr", "words", sep="|", file=sys.stderr)
class W:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
w = W()
print("captured", 42, file=w)
print(w.parts)
