def some[]()
