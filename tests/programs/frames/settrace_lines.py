import sys
events = []
def tracer(frame, event, arg):
    if frame.f_code.co_name == "target":
        events.append((event, frame.f_lineno))
    return tracer
def target(n):
    total = 0
    for i in range(n):
        total += i
    return total
sys.settrace(tracer)
target(2)
sys.settrace(None)
print(events)
