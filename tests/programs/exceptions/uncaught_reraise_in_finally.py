try:
    raise ValueError("first")
finally:
    print("finally runs before the traceback")
