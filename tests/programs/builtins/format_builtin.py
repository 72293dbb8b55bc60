print(format(3.14159, ".2f"), format(42, "08b"), format("hi", "^6"), format(1234, ","), format(None), format(True), format(True, "d"))
print(format(12345.678, "e"), format(0.5, "%"), format(255, "X"))
