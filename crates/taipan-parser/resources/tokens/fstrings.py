x = f'a{b}c{d!r:>{w}}e{{f}}g'
y = f"{x = }" f'{x=!r:^10}' F'{x:=10}'
z = rf'\d{x}\{{' fr"{'a' 'b'}" f'{"nested" + f"{1+1}"}'
w = f'''multi
{line
}
string {x:
}'''
v = f'{x:{"a"}}' f'{a["b"]}' f'\N{BULLET} {x}' f'{x!s}' f'{3.14:.2f}'
u = f'{ {1: 2}[1] }' f'{lambda: 1}' f'{x:%H:%M}' f'' f""""""
t = f'{x # comment
}' f'''{
  x
}'''
