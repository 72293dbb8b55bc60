def load():
    return {}["config"]
try:
    load()
except KeyError as e:
    raise RuntimeError("could not load") from e
