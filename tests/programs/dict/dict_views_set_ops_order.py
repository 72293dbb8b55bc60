a = {"x": 1, "y": 2, "z": 3}
b = {"y": 0, "w": 0}
print(a.keys() - b.keys(), sorted(a.keys() | b.keys()), a.keys() & b.keys())
print(sorted(a.items() - {("x", 1)}), a.values().__class__.__name__, a.keys().__class__.__name__)
