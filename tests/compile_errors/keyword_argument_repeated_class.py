class C(Base, metaclass=M, metaclass=N):
    pass
