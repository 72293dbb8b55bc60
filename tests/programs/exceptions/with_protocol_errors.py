class NoEnter:
    def __exit__(self, *a):
        pass
class NoExit:
    def __enter__(self):
        pass
for obj in [NoEnter(), NoExit(), 5]:
    try:
        with obj:
            pass
    except TypeError as e:
        print(e)
