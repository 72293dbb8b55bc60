class C:
    def m(self):
        return {k: await v for k, v in x}
