class Proxy:
    def __mro_entries__(self, bases):
        print("mro_entries", len(bases))
        return (dict,)
p = Proxy()
class C(p):
    pass
print(C.__bases__, C.__orig_bases__[0] is p, issubclass(C, dict))
