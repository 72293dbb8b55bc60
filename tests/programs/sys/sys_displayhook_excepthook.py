import sys
def hook(t, v, tb):
    print("custom hook:", t.__name__, v)
sys.excepthook = hook
print(sys.__excepthook__ is not hook)
raise ValueError("handled by hook")
