def src():
    for i in range(3):
        print("produce", i)
        yield i
g = (x * 10 for x in src())
print("created")
for v in g:
    print("got", v)
try:
    (x for x in 5)
except TypeError as e:
    print(e)
print(sum(x * x for x in range(10)), max((len(w), w) for w in ["a", "bbb", "cc"]))
