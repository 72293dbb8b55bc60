def fibonacci(n):
    if n <= 1:
        return n
    return fibonacci(n - 1) + fibonacci(n - 2)
print(fibonacci(25))
print(fibonacci.__code__.co_consts, fibonacci.__code__.co_names, fibonacci.__code__.co_varnames)
