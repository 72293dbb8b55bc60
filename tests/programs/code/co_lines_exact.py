def f(a):
    b = a * 2
    return b
print(list(f.__code__.co_lines()))
print(list(f.__code__.co_positions()))
print(f.__code__.co_code.hex())
print(f.__code__.co_linetable.hex(), f.__code__.co_exceptiontable.hex())
