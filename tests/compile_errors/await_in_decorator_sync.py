def f():
    @(await deco)
    def g():
        pass
