x = f'{a}
'
