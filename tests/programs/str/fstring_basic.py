name = "World"
n = 42
print(f"Hello, {name}!", f"{n:>5}", f"{n!r}", f"{name!r:>10}", f"{n * 2}", f"{{}}")
d = {"k": "v"}
print(f"{d['k']}", f"{'nested' + '!'}", f"{[1, 2][0]}")
print(f"{'a' if n else 'b'}", f"{(lambda x: x * 2)(3)}")
x = 3.14159
w, p = 10, 3
print(f"{x:{w}.{p}f}|", f"{x:{'<'}{w}}|")
print(f"{n=}", f"{x = :.2f}", f"{name=!r}", f"{n + 1 = }", f"{ n }")
print(f"""multi
{n}""")
print(f"{'\n'.join(['a', 'b'])}")
print(f"{f'{f"{n}"}'}")
print(f"{n:{'>'}{'5'}}")
print(rf"\n{n}", fr"{name}\t")
