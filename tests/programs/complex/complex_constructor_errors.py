for args in [("1", 2), (1, "2"), ("1+2j+3",), ("",), ("j+1",), (None,)]:
    try:
        print(complex(*args))
    except (TypeError, ValueError) as e:
        print(args, type(e).__name__, e)
class C:
    def __complex__(self):
        return 2 + 3j
print(complex(C()), complex(1.5), complex(2, 0.5))
