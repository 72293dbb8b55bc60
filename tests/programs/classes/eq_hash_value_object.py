class Money:
    def __init__(self, amount, cur):
        self.amount, self.cur = amount, cur
    def __eq__(self, o):
        if not isinstance(o, Money):
            return NotImplemented
        return (self.amount, self.cur) == (o.amount, o.cur)
    def __hash__(self):
        return hash((self.amount, self.cur))
    def __repr__(self):
        return f"{self.amount} {self.cur}"
s = {Money(1, "EUR"), Money(1, "EUR"), Money(2, "USD")}
print(len(s), Money(1, "EUR") in s, Money(1, "EUR") == 1, {Money(2, "USD"): "found"}[Money(2, "USD")])
