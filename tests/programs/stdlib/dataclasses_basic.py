from dataclasses import dataclass, field, asdict, replace
@dataclass(order=True)
class Item:
    name: str
    price: float = 0.0
    tags: list = field(default_factory=list)
a = Item("apple", 1.5)
b = Item("banana", 0.5, ["yellow"])
print(a, b, a < b, a == Item("apple", 1.5), asdict(b), replace(a, price=2))
@dataclass(frozen=True)
class P:
    x: int
    y: int = 0
try:
    P(1).x = 5
except Exception as e:
    print(type(e).__name__, e)
print(hash(P(1, 2)) == hash(P(1, 2)), P.__match_args__)
