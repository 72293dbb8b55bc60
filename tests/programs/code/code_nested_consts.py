src = """
def outer():
    def inner():
        return 1
    class K:
        pass
    return inner, K
"""
code = compile(src, "<src>", "exec")
outer = [c for c in code.co_consts if hasattr(c, "co_name")][0]
print(outer.co_name, [c.co_name if hasattr(c, "co_name") else c for c in outer.co_consts])
print([c.co_qualname for c in outer.co_consts if hasattr(c, "co_qualname")])
