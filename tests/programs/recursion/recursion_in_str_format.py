class S:
    def __str__(self):
        return f"{self}"
try:
    str(S())
except RecursionError as e:
    print("str:", e)
