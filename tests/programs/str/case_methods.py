for s in ["hello world", "HeLLo WoRLD", "ß straße", "ǅungla", "hello_world-foo bar", "ﬁ", "İstanbul", "123abc", "they're bill's"]:
    print(repr(s.upper()), repr(s.lower()), repr(s.title()), repr(s.capitalize()), repr(s.swapcase()), repr(s.casefold()))
