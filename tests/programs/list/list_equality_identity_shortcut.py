class AlwaysFalse:
    def __eq__(self, o):
        return False
x = AlwaysFalse()
print([x] == [x], x == x, [x].count(x), x in [x], [x].index(x))
