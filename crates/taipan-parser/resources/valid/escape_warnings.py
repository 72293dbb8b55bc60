x = "\d"
y = """a
b\q"""
z = b"\z"
w = f"\e{x}"
v = 1if x else 2
u = "\777"
a = "\N{EM DASH}\{"
b = f"{x}\q" f"\w{y:\d}"
c = rb"\q" + br"\z"
