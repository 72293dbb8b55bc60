data = b"caf\xe9"
data.decode("utf-8")
