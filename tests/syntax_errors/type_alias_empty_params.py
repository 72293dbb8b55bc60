type X[] = int
