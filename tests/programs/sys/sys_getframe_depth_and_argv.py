import sys
print(sys.argv)
print(sys.orig_argv[-1].endswith("sys_getframe_depth_and_argv.py"))
depth = 0
f = sys._getframe()
while f:
    depth += 1
    f = f.f_back
print(depth)
