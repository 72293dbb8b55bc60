class C:
    def m(self, value, *, value=1):
        return value
