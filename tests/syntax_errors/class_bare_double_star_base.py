class C(**):
    pass
