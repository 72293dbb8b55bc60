class C:
    @property
    def broken(self):
        return self._missing
C().broken
