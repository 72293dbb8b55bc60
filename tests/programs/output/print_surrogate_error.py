print("before")
print("bad: \ud800")
print("not reached")
