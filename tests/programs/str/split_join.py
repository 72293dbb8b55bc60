print("a,b,,c".split(","), "a,b,,c".split(",", 1), "  a  b  c ".split(), "a b c".split(None, 1))
print("a,b,c".rsplit(",", 1), "  a  b  ".rsplit(None, 1), "".split(), "".split(","))
print("line1\nline2\r\nline3\rline4\x0bx\x1cy\u2028z".splitlines())
print("a\nb\n".splitlines(keepends=True), "".splitlines(), "\n".splitlines())
print("-".join(["a", "b", "c"]), "".join([]), ", ".join("xyz"))
try:
    ",".join(["a", 1])
except TypeError as e:
    print(e)
try:
    "a".split("")
except ValueError as e:
    print(e)
print("a1b2c3".partition("2"), "a1b2c3".partition("z"), "a-b-c".rpartition("-"), "abc".rpartition("z"))
