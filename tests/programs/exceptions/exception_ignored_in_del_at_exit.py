class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("finalizing", self.name)
        1 / 0
def f():
    x = Noisy("local")
f()
print("end")
