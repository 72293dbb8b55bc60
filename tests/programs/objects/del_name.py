x = 10
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
