try:
    raise ValueError("first")
except ValueError:
    raise KeyboardInterrupt
