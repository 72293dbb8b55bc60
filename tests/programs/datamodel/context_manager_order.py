class CM:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self.name
    def __exit__(self, *args):
        print("exit", self.name, args[0])
        return False
with CM("a") as a, CM("b") as b:
    print("body", a, b)
with (CM("x") as x,
      CM("y")):
    print("paren body")
try:
    with CM("outer"):
        with CM("inner"):
            raise KeyError("k")
except KeyError:
    print("caught")
