class EqOnly:
    def __eq__(self, o):
        return True
print(EqOnly.__hash__)
try:
    hash(EqOnly())
except TypeError as e:
    print(e)
class EqAndHash:
    def __eq__(self, o):
        return isinstance(o, EqAndHash)
    def __hash__(self):
        return 7
print(hash(EqAndHash()), len({EqAndHash(), EqAndHash()}))
class Sub(EqAndHash):
    def __eq__(self, o):
        return False
print(Sub.__hash__)
class Explicit:
    __hash__ = None
try:
    {Explicit()}
except TypeError as e:
    print(e)
class HashRet:
    def __hash__(self):
        return 2**70
print(hash(HashRet()))
class BadHash:
    def __hash__(self):
        return "x"
try:
    hash(BadHash())
except TypeError as e:
    print(e)
class NegOne:
    def __hash__(self):
        return -1
print(hash(NegOne()))
