def g(a, b):
    return a + b
x = g(
    1,
    "two",
)
