def fibonacci(n):
    if n <= 1:
        return n
    return fibonacci(n - 1) + fibonacci(n - 2)
print([fibonacci(i) for i in range(20)])
def fact(n):
    return 1 if n == 0 else n * fact(n - 1)
print(fact(30))
