import sys
lines = sys.stdin.readlines()
print(len(lines))
for line in reversed(lines):
    print(line.rstrip("\n").upper())
