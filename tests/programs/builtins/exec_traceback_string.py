src = """
def inner():
    return 1 / 0
inner()
"""
exec(compile(src, "<generated>", "exec"))
