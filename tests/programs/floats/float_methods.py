print((2.0).is_integer(), (2.5).is_integer(), float("inf").is_integer())
print((0.5).as_integer_ratio(), (0.1).as_integer_ratio(), (-2.0).as_integer_ratio())
for v in [float("inf"), float("nan")]:
    try:
        v.as_integer_ratio()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
print((3.7).__trunc__(), (3.7).__floor__(), (3.2).__ceil__(), (-3.7).__floor__(), (-3.2).__ceil__())
print((2.5).real, (2.5).imag, (2.5).conjugate())
print(float.__getformat__("double"))
