def cleanup():
    raise RuntimeError("cleanup failed")
def work():
    try:
        raise ValueError("work failed")
    except ValueError:
        cleanup()
work()
