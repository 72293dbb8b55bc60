for v in [1, 1.0, 1j, "s", b"b", [], (), {}, set(), frozenset(), None, ..., NotImplemented, range(1), type, object]:
    print(type(v).__name__, type(v).__module__)
