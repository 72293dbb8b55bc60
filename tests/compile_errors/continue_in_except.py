try:
    pass
except Exception:
    continue
