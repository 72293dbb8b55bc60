class C:
    n = 3
    vals = list(i for i in range(n))
    try:
        bad = list(n for i in range(2))
    except NameError as e:
        bad = str(e)
print(C.vals, C.bad)
