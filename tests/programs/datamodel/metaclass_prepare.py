class OrderedMeta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", name, kw)
        return {"injected": 42}
    def __new__(mcls, name, bases, ns, **kw):
        return super().__new__(mcls, name, bases, dict(ns))
class C(metaclass=OrderedMeta, option="x"):
    y = injected + 1
print(C.injected, C.y)
class LoggingNS(dict):
    def __setitem__(self, k, v):
        print("ns set", k)
        super().__setitem__(k, v)
class M2(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return LoggingNS()
class D(metaclass=M2):
    a = 1
    def f(self):
        pass
