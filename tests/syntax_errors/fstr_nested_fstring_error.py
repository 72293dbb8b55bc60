x = f'{f"{a!q}"}'
