class C(a=1, B):
    pass
