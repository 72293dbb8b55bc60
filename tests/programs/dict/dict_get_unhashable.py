d = {"a": 1}
for bad in [lambda: d.get([]), lambda: [] in d, lambda: d.pop([]), lambda: d.setdefault({})]:
    try:
        bad()
    except TypeError as e:
        print(e)
