import gc
saved = []
class Phoenix:
    def __init__(self):
        self.me = self
    def __del__(self):
        print("finalizer runs")
        saved.append(self)
p = Phoenix()
del p
gc.collect()
print(len(saved))
saved[0].me = None
saved.clear()
gc.collect()
print("finalizer ran only once")
