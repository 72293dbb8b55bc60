x = 0abc
