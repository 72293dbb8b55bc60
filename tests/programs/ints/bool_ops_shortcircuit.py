def t(x):
    print("t", x)
    return x
print(t(0) or t(2))
print(t(1) and t(0))
print(t([]) or t(()) or t("last"))
print(not t(5), not t(""))
r = t(1) and t(2) and t(3)
print(r)
