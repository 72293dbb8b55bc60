class Noisy:
    def __del__(self):
        raise ValueError("error in __del__")
n = Noisy()
del n
print("program continues")
