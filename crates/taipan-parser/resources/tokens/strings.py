a = 'x' "y" '''z''' """w""" b'b' B"B" r'\d' R'\d' u'u' U'u' br'x' Rb'x' bR'x' rB'x'
b = 'it\'s' "q\"q" '\\' ''
c = '''a
b
c''' + """
"""
d = 'a\
b'
