import sys
sys.setrecursionlimit(60)
def f(n):
    return f(n + 1)
try:
    f(0)
except RecursionError:
    print("hit low limit")
sys.setrecursionlimit(1000)
print(sys.getrecursionlimit())
