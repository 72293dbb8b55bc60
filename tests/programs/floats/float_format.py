x = 3.14159265
print(format(x, ".2f"), format(x, "10.3f"), format(x, "<10.1f") + "|", format(x, "e"), format(x, ".3E"))
print(format(x, "g"), format(1e-10, "g"), format(1e20, "g"), format(123456789.0, "g"), format(0.0001, ".2g"))
print(format(x, "%"), format(0.5, ".0%"), format(1234567.891, ",.2f"), format(1234567.891, "_.1f"))
print(format(-0.0, ".1f"), format(2.5, ".0f"), format(3.5, ".0f"), format(1.0, "#.0f"), format(1.0, "#g"))
print(format(float("inf"), "f"), format(float("nan"), "F"), format(float("-inf"), "E"))
print(format(x, "+.3"), format(x, ""), format(1e16, ""), format(1.0, "z.1f"), format(-0.0001, "z.2f"))
print(format(12.5, "015.3f"), format(-12.5, "=+12.2f"), format(12.5, "^12"))
print(f"{2/3:.20f}", f"{1e100:.3e}", f"{0.1:.30f}")
