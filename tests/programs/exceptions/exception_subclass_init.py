class E(Exception):
    def __init__(self, a, b):
        self.a = a
        self.b = b
e = E(1, 2)
print(e.args, str(e), repr(e), e.a)
class F(Exception):
    def __init__(self, msg):
        super().__init__(msg, "extra")
print(F("m").args, str(F("m")))
class G(Exception):
    pass
print(repr(G()), repr(G(1)), str(G("x", "y")))
