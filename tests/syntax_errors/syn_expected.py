with a as b
