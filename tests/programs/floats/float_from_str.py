for s in ["1.5", " 2 ", "-0", "1e3", "1E-3", ".5", "5.", "1_0.0_1", "infinity", "nan", "+inf"]:
    print(repr(float(s)))
for s in ["", "1.2.3", "1e", "abc", "1__0", "0x10"]:
    try:
        float(s)
    except ValueError as e:
        print(e)
print(float(10**20), float(True), float(" \t3.25\n"))
try:
    float(10**400)
except OverflowError as e:
    print(e)
