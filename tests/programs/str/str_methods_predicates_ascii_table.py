for i in range(32, 127):
    c = chr(i)
    flags = "".join(s for s, f in [("a", c.isalpha()), ("d", c.isdigit()), ("s", c.isspace()), ("u", c.isupper()), ("l", c.islower()), ("p", c.isprintable()), ("i", c.isidentifier())] if f)
    print(i, repr(c), flags)
