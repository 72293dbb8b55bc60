try:
    input("prompt> ")
except EOFError as e:
    print("EOFError", repr(e))
