def make_gen(start):
    def gen():
        n = start
        while n > 0:
            yield n
            n -= 1
    return gen
g = make_gen(3)
print(list(g()), list(g()))
