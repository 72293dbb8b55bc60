def f[*Ts=(x := int)](): pass
