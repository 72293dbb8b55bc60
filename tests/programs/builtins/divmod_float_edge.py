print(divmod(-0.0, 1), divmod(5.5, -2), divmod(1e300, 1e-300)[1] >= 0, divmod(-1, 1.5))
print(-0.0 // 1, 0.0 % -1, -0.0 % 1)
