print("aaaaa".count("aa"), "aaaaa".replace("aa", "b"), "ababab".count("aba"), "abc".count("", 1), "".count(""))
print("abcabc".replace("abc", "x", 1), "abc".replace("b", "bb" * 3), "a".replace("a", "a" * 5))
