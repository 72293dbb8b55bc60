def f(xs):
    out = []
    for x in xs:
        if x:
            out.append(x)
        else:
            continue
    return out
print(sorted({l for _, _, l in f.__code__.co_lines() if l}))
print([l - f.__code__.co_firstlineno for _, _, l in f.__code__.co_lines() if l])
