class Bad(Exception):
    def __str__(self):
        raise RuntimeError("str fails")
raise Bad("x")
