try:
    raise ValueError("lost")
finally:
    raise SystemExit(2)
