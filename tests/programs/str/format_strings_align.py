for spec in ["", "5", "<5", ">5", "^5", "*^7", ".2", "<7.3", "=5" if False else "05"]:
    try:
        print(repr(spec), repr(format("abc", spec)))
    except ValueError as e:
        print(repr(spec), e)
try:
    format("abc", "=5")
except ValueError as e:
    print(e)
try:
    format("abc", "+")
except ValueError as e:
    print(e)
