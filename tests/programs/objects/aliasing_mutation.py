def add(x, lst):
    lst.append(x)
    return lst
shared = []
r1 = add(1, shared)
r2 = add(2, shared)
print(r1 is r2, shared)
