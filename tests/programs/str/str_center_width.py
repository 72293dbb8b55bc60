for w in range(0, 8):
    print(repr("ab".center(w, ".")), repr("abc".center(w, ".")))
