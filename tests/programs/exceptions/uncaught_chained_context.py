def parse(s):
    return int(s)
try:
    parse("abc")
except ValueError:
    print("handling")
    undefined_function()
