x = 1.5ex
