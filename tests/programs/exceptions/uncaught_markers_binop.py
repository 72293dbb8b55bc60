a = {"x": {"y": None}}
print("before")
total = 1 + a["x"]["y"] * 2
