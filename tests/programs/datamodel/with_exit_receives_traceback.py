class CM:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        print(et.__name__, ev, type(tb).__name__, tb.tb_lineno)
        return True
with CM():
    x = 1
    raise KeyError("in body")
print("suppressed")
