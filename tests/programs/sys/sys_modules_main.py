import sys
m = sys.modules["__main__"]
print(m.__name__, m.value if hasattr(m, "value") else None)
value = 5
print(m.value, type(m).__name__)
print("builtins" in sys.builtin_module_names, "sys" in sys.builtin_module_names)
