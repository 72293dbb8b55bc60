foo(
# c
