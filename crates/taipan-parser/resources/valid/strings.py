a = 'single' "double" '''triple''' """triple double"""
b = u'unicode' 'plain'
c = 'plain' u'unicode'
d = r'raw \n' R"raw"
e = b'bytes' B"more" rb'raw\n' Br"raw"
f = '\n\t\\\'\"\a\b\f\v\0\x41\101\u00e9\U0001F600\N{BULLET}'
g = b'\n\t\\\x41\101\xff'
h = 'implicit' \
    'continuation'
i = ('multi'
     'line')
j = '\ud800' '\udfff'
k = 'é' "中文" '😀'
l = """line1
line2\
continued"""
m = ''
n = b''
