def ann(x):
    print("evaluating annotation", x)
    return x
def f(a: ann("a"), b: ann("b") = ann("default")) -> ann("return"):
    pass
print(f.__annotations__)
x: ann("module var") = 5
y: ann("no value")
print(__annotations__)
