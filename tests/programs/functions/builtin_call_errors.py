for call in [lambda: len(), lambda: len(1, 2), lambda: abs(x=1), lambda: "a".split(1), lambda: [].append(), lambda: {}.get(),
             lambda: int(1, 2), lambda: sorted([], reverse=None), lambda: divmod(1), lambda: "x".join(), lambda: isinstance(1)]:
    try:
        call()
    except TypeError as e:
        print(e)
