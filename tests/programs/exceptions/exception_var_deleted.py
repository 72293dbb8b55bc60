try:
    1 / 0
except ZeroDivisionError as err:
    pass
try:
    err
except NameError as e:
    print(e)
err = "preexisting"
try:
    raise ValueError
except ValueError as err:
    pass
print("err" in globals())
