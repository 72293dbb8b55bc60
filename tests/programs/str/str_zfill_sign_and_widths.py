for s in ["", "1", "-1", "+1", "--1", "abc", "-abc"]:
    print(repr(s), [s.zfill(w) for w in (0, 1, 3, 5)])
