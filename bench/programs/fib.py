"""Recursion: naive Fibonacci, the Takeuchi function, a recursively built binary tree
walked recursively, and a linear recursion a few hundred frames deep.

Mostly measures the cost of a Python-to-Python call and return."""


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def tak(x, y, z):
    if y < x:
        return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
    return z


def build(depth, label):
    # A node is (label, left, right); leaves are None.
    if depth == 0:
        return None
    return (label, build(depth - 1, 2 * label), build(depth - 1, 2 * label + 1))


def weigh(node):
    if node is None:
        return 0
    label, left, right = node
    return label % 7 + weigh(left) + weigh(right)


def total(values, i):
    # Linear recursion: one frame per element.
    if i == len(values):
        return 0
    return values[i] + total(values, i + 1)


def main():
    checksum = fib(32)
    for _ in range(3):
        checksum += tak(24, 16, 8)
    for depth in (17, 18, 19):
        checksum += weigh(build(depth, 1))
    values = list(range(600))
    for _ in range(3000):
        checksum += total(values, 0)
    print("fib", checksum)


main()
