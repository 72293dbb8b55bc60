async def f():
    from sys import *
