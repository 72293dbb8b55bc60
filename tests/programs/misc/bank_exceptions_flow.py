class InsufficientFunds(Exception):
    pass
def transfer(balances, src, dst, amount):
    if balances[src] < amount:
        raise InsufficientFunds(f"{src} has {balances[src]}, needs {amount}")
    balances[src] -= amount
    balances[dst] += amount
b = {"a": 100, "b": 0}
for amt in (30, 80, 70):
    try:
        transfer(b, "a", "b", amt)
        print("ok", amt, b)
    except InsufficientFunds as e:
        print("failed:", e)
    except KeyError as e:
        print("no account", e)
    finally:
        print("total", sum(b.values()))
