import sys
sys.setrecursionlimit(100_000)
def depth(n):
    if n == 0:
        return 0
    return 1 + depth(n - 1)
print(depth(50_000))
def build(n):
    node = None
    for i in range(n):
        node = (i, node)
    return node
def length(node):
    return 0 if node is None else 1 + length(node[1])
print(length(build(40_000)))
