class Grid:
    def __init__(self):
        self.data = {}
    def __getitem__(self, key):
        print("get", key)
        return self.data.get(key, 0)
    def __setitem__(self, key, value):
        print("set", key, value)
        self.data[key] = value
    def __delitem__(self, key):
        print("del", key)
        del self.data[key]
    def __len__(self):
        return len(self.data)
g = Grid()
g[1, 2] = 5
print(g[1, 2], g[0:2], len(g))
g[1, 2] += 1
del g[1, 2]
print(len(g))
