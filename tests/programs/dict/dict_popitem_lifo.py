d = {i: str(i) for i in range(5)}
while d:
    print(d.popitem())
