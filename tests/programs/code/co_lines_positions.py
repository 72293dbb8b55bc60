def f(x):
    y = x + 1
    if y > 2:
        return y
    return (x,
            y)
lines = sorted({l for _, _, l in f.__code__.co_lines() if l is not None})
print(lines)
pos = [p for p in f.__code__.co_positions() if p[0] is not None]
print(min(p[0] for p in pos), max(p[1] for p in pos))
print(all(len(p) == 4 for p in f.__code__.co_positions()))
