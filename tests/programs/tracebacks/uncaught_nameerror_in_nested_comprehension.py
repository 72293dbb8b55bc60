rows = [[1, 2], [3, 4]]
print([[cell * factor for cell in row] for row in rows])
