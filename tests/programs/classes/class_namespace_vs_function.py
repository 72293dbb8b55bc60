class C:
    items = [1, 2, 3]
    total = sum(items)
    doubled = [i * 2 for i in items]
    def get(self):
        return self.items
print(C.total, C.doubled, C().get())
