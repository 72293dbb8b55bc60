import sys
data = sys.stdin.read()
lines = data.splitlines()
print(len(lines), lines)
print(sum(int(x) for x in lines if x.strip().isdigit()))
