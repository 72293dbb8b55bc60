for s in ["5", "٥", "⁵", "½", "Ⅻ", "五", "𝟓", "१२"]:
    print(repr(s), s.isdecimal(), s.isdigit(), s.isnumeric())
print(int("٥"), int("𝟓"), float("१.५"))
try:
    int("⁵")
except ValueError as e:
    print(e)
