def f():
    pass
nonlocal f
