try:
    raise KeyboardInterrupt("ki")
except Exception:
    print("not an Exception")
except BaseException as e:
    print("caught", type(e).__name__, e)
