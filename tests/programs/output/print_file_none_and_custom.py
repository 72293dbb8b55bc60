print("to default", file=None)
class Upper:
    def write(self, s):
        import sys
        sys.stdout.write(s.upper())
    def flush(self):
        pass
print("shouted", "words", file=Upper(), flush=True)
class NoWrite:
    pass
try:
    print("x", file=NoWrite())
except AttributeError as e:
    print(e)
