a = f'{x}'
b = f"{x!r} {y!s:>10} {z!a:{w}.{p}f}"
c = f'{x=}' f'{y = }' f'{z=!s}' f'{w=:>5}'
d = f'{{literal}} {x} }}'
e = f'''multi
{line}
'''
f = f'{f"{nested}"}'
g = 'plain' f'{x}' 'plain'
h = f'{x:{y}}' f'{x:}' f'{x:{{}}}'
i = rf'raw\n{x}' fr'{y}\d'
j = f'\n{x}\t'
k = f'{x:\n}'
l = f'{ x }' f'{x, y}' f'{(lambda: 1)()}'
m = f'{"a" "b"}' f"{'quote'}"
n = f''
o = f'{x}' f'{y}'
p = f'{x:{y}{z}abc}'
q = f"{x!r:^{width}}"
r = f'{3.14:.2f}' f"{'é':>3}"
