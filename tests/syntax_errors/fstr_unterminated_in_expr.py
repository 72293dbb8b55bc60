x = f'{a
