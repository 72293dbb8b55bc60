def gen():
    yield await x
