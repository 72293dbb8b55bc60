import sys
m = type(sys)("temp_mod")
m.value = 1
sys.modules["temp_mod"] = m
import temp_mod
print(temp_mod.value)
del sys.modules["temp_mod"]
try:
    import temp_mod as again
except ImportError as e:
    print(type(e).__name__, e)
