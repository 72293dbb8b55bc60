class MyList(list):
    def append(self, v):
        super().append(v * 10)
ml = MyList([1])
ml.append(2)
ml.extend([3])
print(ml, type(ml[:]).__name__, type(ml + [1]).__name__, len(ml))
class MyDict(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, str(v))
md = MyDict(a=1)
md["b"] = 2
md.update(c=3)
print(md)
