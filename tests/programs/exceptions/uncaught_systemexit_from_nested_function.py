def inner():
    raise SystemExit(42)
def outer():
    try:
        inner()
    finally:
        print("outer finally")
outer()
