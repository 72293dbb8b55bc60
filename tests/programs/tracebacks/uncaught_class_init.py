class Account:
    def __init__(self, owner, balance):
        self.owner = owner
        self.balance = int(balance)
acct = Account("ann", "ten")
