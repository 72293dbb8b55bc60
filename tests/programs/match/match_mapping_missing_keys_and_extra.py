cfg = {"host": "h", "port": 80, "debug": True}
match cfg:
    case {"host": str(h), "port": int(p)}:
        print("host/port", h, p)
match cfg:
    case {"missing": _}:
        print("no")
    case {"debug": True, **rest}:
        print("rest", rest)
match {}:
    case {**rest}:
        print("empty rest", rest)
