def a():
    raise ValueError("in a")
def b():
    raise TypeError("in b")
errors = []
for f in (a, b):
    try:
        f()
    except Exception as e:
        errors.append(e)
raise ExceptionGroup("collected", errors)
