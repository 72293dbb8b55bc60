import sys
v = 1234.5678
for spec in ["", ",", "_", ".1f", ">12,.2f", "<12", "^12.3e", "+.0f", "012.2f", "g", ".3g", "%", ".1%"]:
    print(repr(spec), repr(f"{v:{spec}}"))
for spec in ["", "b", "o", "x", "X", "c", "d", "n", "#b", "08x", ",", "_b", "+", " "]:
    print(repr(spec), repr(format(100, spec)))
for bad in ["q", ".2d", ",c", "=s"]:
    try:
        format(100 if bad != "=s" else "s", bad)
    except ValueError as e:
        print(bad, e)
