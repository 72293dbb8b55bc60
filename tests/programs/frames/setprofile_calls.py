import sys
calls = []
def prof(frame, event, arg):
    if event in ("call", "return"):
        calls.append((event, frame.f_code.co_name))
def a():
    return b()
def b():
    return 1
sys.setprofile(prof)
a()
sys.setprofile(None)
print([c for c in calls if c[1] in ("a", "b")])
