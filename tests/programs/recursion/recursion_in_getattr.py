class G:
    def __getattr__(self, name):
        return getattr(self, "x" + name)
try:
    G().a
except RecursionError as e:
    print("getattr:", e)
