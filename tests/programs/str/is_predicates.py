samples = ["", "abc", "ABC", "Abc", "123", "١٢٣", "½", "²", "abc123", " \t\n", "Hello World", "hello world", "_id", "1abc", "class", "\x1f", "é", "ǅ"]
for s in samples:
    print(repr(s), s.isalpha(), s.isdigit(), s.isdecimal(), s.isnumeric(), s.isalnum(), s.isspace(), s.islower(), s.isupper(), s.istitle(), s.isidentifier(), s.isprintable(), s.isascii())
