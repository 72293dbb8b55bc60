import sys
m = type(sys)("m2")
m.a = 1
m.__dir__ = lambda: ["z", "y"]
print(dir(m))
print(repr(type(sys)("noname_doc")))
