c = compile("a + \\\n  b", "<e>", "eval")
print([p for p in c.co_positions()])
c2 = compile("x = [1,\n 2,\n 3]", "<m>", "exec")
print(list(c2.co_lines()))
