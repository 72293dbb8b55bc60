def f(a, b=1, /, c=2, *args, d, e=3, **kw):
    x = a + b
    def inner():
        return x
    return inner
co = f.__code__
print(co.co_name, co.co_qualname, co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount)
print(co.co_varnames, co.co_cellvars, co.co_freevars, co.co_nlocals)
print(co.co_firstlineno, co.co_filename.endswith("co_attributes.py"), hex(co.co_flags))
inner = f(1, d=0)
print(inner.__code__.co_freevars, inner.__code__.co_qualname, inner.__code__.co_names)
print(co.co_names, [type(c).__name__ for c in co.co_consts])
