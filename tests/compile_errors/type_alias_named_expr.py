type A = (x := int)
