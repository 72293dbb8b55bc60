d = {1: pass}
