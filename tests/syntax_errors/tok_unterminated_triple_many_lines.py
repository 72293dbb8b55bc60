a = 1
x = """
line
line
line
line
line
line
line
line
line
line
line
line
line
line
line
line
line
line
line
line
