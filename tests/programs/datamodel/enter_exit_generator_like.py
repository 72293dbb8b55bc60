class Tx:
    depth = 0
    def __enter__(self):
        Tx.depth += 1
        print("  " * Tx.depth + "begin")
        return self
    def __exit__(self, et, ev, tb):
        print("  " * Tx.depth + ("rollback" if et else "commit"))
        Tx.depth -= 1
with Tx():
    with Tx():
        pass
    try:
        with Tx():
            raise ValueError
    except ValueError:
        pass
