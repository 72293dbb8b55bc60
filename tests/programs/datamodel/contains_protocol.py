class C:
    def __contains__(self, x):
        print("contains", x)
        return x == 1
print(1 in C(), 2 not in C())
class It:
    def __iter__(self):
        print("iter")
        return iter([1, 2])
print(2 in It())
