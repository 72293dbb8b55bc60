class Both:
    def __repr__(self):
        return "Both-repr"
    def __str__(self):
        return "Both-str"
class ReprOnly:
    def __repr__(self):
        return "ReprOnly()"
print(str(Both()), repr(Both()), Both(), [Both()], f"{Both()}", "%s %r" % (Both(), Both()))
print(str(ReprOnly()), format(ReprOnly()), [ReprOnly()])
class BadRepr:
    def __repr__(self):
        return 5
try:
    repr(BadRepr())
except TypeError as e:
    print(e)
class BadFormat:
    def __format__(self, spec):
        return 1
try:
    format(BadFormat())
except TypeError as e:
    print(e)
try:
    format(ReprOnly(), "x")
except TypeError as e:
    print(e)
