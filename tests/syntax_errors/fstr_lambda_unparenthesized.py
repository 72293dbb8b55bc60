x = f'{lambda y: 1}'
