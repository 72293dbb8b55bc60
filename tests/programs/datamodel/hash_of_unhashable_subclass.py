class L(list):
    def __hash__(self):
        return 1
print(hash(L()), {L(): 1}[L()] if False else len({L(), L()}))
class D(dict):
    pass
try:
    hash(D())
except TypeError as e:
    print(e)
