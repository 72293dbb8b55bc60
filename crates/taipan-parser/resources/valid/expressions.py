x = a if b else c
y = lambda: 0
z = lambda a, b=1, /, c=2, *d, e, f=3, **g: a + b
w = not a and b or c and not not d
v = a < b <= c == d != e > f >= g is h is not i in j not in k
u = a | b ^ c & d << e >> f + g - h * i / j // k % l @ m ** -n ** ~o
t = +a, -b, ~c,
s = (yield)
r = await_ = x.y.z[1][1:2][::3][a:b:c, d][...]
q = f(a, *b, c=d, *e, **f)(g for g in h)[i]
p = [1, *a, 2], (1,), (), {1, *b}, {}, {1: 2, **c, 3: 4}
o = [x for x in y if x if not x], {x for x in y}, {x: y for x, y in z}, (x async for x in y)
n = [[x, y] for x in a for y in b]
if (m := 10) > 5: pass
print(f(x := 1), [y := 2, y ** 2])
l = a[*b], a[1:2, *c]
k = x[a:=1] if False else x[b, c:d]
j = ...; i = None; h = True; g = False
(a), (b.c), (d[e])
a.b.c.d(e).f[g](h)
del a, b.c, d[e], (f, g), [h]
del (a)
