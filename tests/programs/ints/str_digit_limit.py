import sys
print(sys.get_int_max_str_digits())
try:
    int("1" * 4301)
except ValueError as e:
    print(e)
x = 10 ** 5000
try:
    str(x)
except ValueError as e:
    print(e)
print(len(str(int("9" * 4300))))
print(len(hex(x)) > 0)
sys.set_int_max_str_digits(6000)
print(len(str(x)))
sys.set_int_max_str_digits(0)
print(len(str(10 ** 10000)))
try:
    sys.set_int_max_str_digits(100)
except ValueError as e:
    print(e)
