class R:
    def __repr__(self):
        return "R()"
    def __str__(self):
        return "str-R"
    def __format__(self, spec):
        return f"fmt[{spec}]"
r = R()
print(f"{r}", f"{r!s}", f"{r!r}", f"{r!a}", f"{r:xyz}", f"{r=}", f"{r=!s}", f"{r=:abc}")
print(format(r), format(r, "q"), str(r), repr(r))
