print({x * 7 % 11 for x in range(11)})
print(sorted({c for c in "mississippi"}))
print(len({i // 2 for i in range(100)}))
