def f():
    return len("abc")
print(f())
len = lambda x: -1
print(f())
del len
print(f())
globals()["__builtins__"] if False else None
