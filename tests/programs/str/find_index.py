s = "abracadabra"
print(s.find("a"), s.find("a", 1), s.find("a", 1, 3), s.find("z"), s.find(""), s.find("", 20))
print(s.rfind("a"), s.rfind("abra"), s.rfind("a", 0, 5), s.rfind(""))
print(s.index("cad"), s.rindex("b"))
print(s.count("a"), s.count("abra"), s.count(""), s.count("a", 2, -2), "aaaa".count("aa"))
for m in (s.index, s.rindex):
    try:
        m("zz")
    except ValueError as e:
        print(e)
print(s.find("a", -3), s.find("a", -100, -9))
