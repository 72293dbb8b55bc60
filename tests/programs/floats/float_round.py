print(round(2.5), round(3.5), round(-2.5), round(0.5), round(1.5))
print(round(2.675, 2), round(1.005, 2), round(123.456, -1), round(123.456, -2), round(0.125, 2))
print(round(1e300, 2), round(-0.4), type(round(2.5)).__name__, type(round(2.5, 0)).__name__)
print(round(12345, -2), round(12350, -2), round(-12350, -2), round(5, 2))
try:
    round(float("inf"))
except OverflowError as e:
    print(e)
try:
    round(float("nan"))
except ValueError as e:
    print(e)
print(round(float("inf"), 2), round(float("nan"), 1))
