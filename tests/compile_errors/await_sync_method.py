class C:
    def m(self):
        return await self.x
