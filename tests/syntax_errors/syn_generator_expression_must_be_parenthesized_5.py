f(L, x for x in L)
