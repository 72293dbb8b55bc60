x = f'{a # c}'
