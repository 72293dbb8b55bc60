for subject in ["ab", b"ab", bytearray(b"ab"), ["a", "b"], ("a", "b"), iter("ab"), range(2)]:
    match subject:
        case [x, y]:
            print(type(subject).__name__, "sequence", x, y)
        case _:
            print(type(subject).__name__, "not a sequence")
