keep = []
class R:
    def __del__(self):
        print("__del__ called")
        keep.append(self)
r = R()
del r
print("resurrected:", len(keep))
keep.clear()
print("cleared again")
