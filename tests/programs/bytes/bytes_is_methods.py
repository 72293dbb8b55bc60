for b in [b"", b"abc", b"ABC", b"a1", b"123", b" \t", b"Title Case", b"\x80"]:
    print(b, b.isalpha(), b.isalnum(), b.isdigit(), b.isspace(), b.islower(), b.isupper(), b.istitle(), b.isascii())
