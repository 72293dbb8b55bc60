rows = [("apple", 1.5, 3), ("banana", 0.25, 12), ("cherry", 10.0, 1)]
w = max(len(r[0]) for r in rows)
for name, price, qty in rows:
    print(f"{name:<{w}} | {price:>8.2f} | {qty:>3d} | {price * qty:>8.2f}")
print(f"{'total':<{w}} | {sum(p * q for _, p, q in rows):>25.2f}")
