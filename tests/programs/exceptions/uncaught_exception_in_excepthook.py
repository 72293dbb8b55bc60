import sys
def hook(*args):
    raise RuntimeError("hook failed")
sys.excepthook = hook
raise ValueError("original")
