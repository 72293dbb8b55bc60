f'a}'
