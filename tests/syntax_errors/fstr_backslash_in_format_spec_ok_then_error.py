x = f'{a:\n}' $
