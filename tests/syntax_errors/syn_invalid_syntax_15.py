def f(*None):
    pass
