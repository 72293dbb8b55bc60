def risky():
    raise OSError(5, "I/O failed")
print(f"result: {risky()}")
