class Eq:
    def __eq__(self, o):
        print("Eq.__eq__ with", o)
        return True
class NS:
    E = Eq()
match 5:
    case NS.E:
        print("matched via __eq__")
match None:
    case None:
        print("None matched by identity")
