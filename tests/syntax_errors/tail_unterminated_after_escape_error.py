x = "\xf"
y = "abc
