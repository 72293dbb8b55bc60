class NoStr:
    __str__ = None
try:
    print(NoStr())
except TypeError as e:
    print("TypeError:", e)
class ReprOnly:
    def __repr__(self):
        return "ReprOnly!"
print(ReprOnly())
