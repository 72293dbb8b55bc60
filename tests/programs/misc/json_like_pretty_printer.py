def dump(obj, indent=0):
    pad = "  " * indent
    if isinstance(obj, dict):
        for k, v in obj.items():
            if isinstance(v, (dict, list)):
                print(f"{pad}{k}:")
                dump(v, indent + 1)
            else:
                print(f"{pad}{k}: {v!r}")
    elif isinstance(obj, list):
        for v in obj:
            if isinstance(v, (dict, list)):
                print(f"{pad}-")
                dump(v, indent + 1)
            else:
                print(f"{pad}- {v!r}")
dump({"name": "x", "tags": ["a", "b"], "meta": {"n": 1, "items": [{"k": None}]}})
