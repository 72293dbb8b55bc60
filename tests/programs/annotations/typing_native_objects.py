# The native parts of typing (the built-in _typing module): TypeVar, ParamSpec (P.args,
# P.kwargs), TypeVarTuple, TypeAliasType, Generic, NoDefault, with their argument checks.
import _typing
print(sorted(vars(_typing)), _typing.__doc__)
T = _typing.TypeVar("T")
S = _typing.TypeVar("S", int, str)
B = _typing.TypeVar("B", bound=int, covariant=True)
D = _typing.TypeVar("D", contravariant=True, default=str)
I = _typing.TypeVar("I", infer_variance=True)
print(T, S, B, D, I, T.__module__, S.__constraints__, B.__bound__, D.__default__, T.__default__ is _typing.NoDefault)
P = _typing.ParamSpec("P")
print(P, P.args, P.kwargs, type(P.args).__name__, P.args.__origin__ is P, P.args == P.args, P.args == P.kwargs)
Ts = _typing.TypeVarTuple("Ts")
print(Ts, _typing._idfunc(3), _typing.NoDefault)
A = _typing.TypeAliasType("A", list[T], type_params=(T,))
print(A, A.__value__, A.__type_params__, A[int], A.__module__)
for bad in (lambda: _typing.TypeVar("X", int), lambda: _typing.TypeVar("X", covariant=True, contravariant=True),
            lambda: _typing.TypeVar(), lambda: _typing.TypeVar("X", bound=int, infer_variance=True, covariant=True)):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
class G(_typing.Generic[T, S]):
    pass
print(G.__parameters__, G[int, str], G.__orig_bases__)
try:
    class X(T): pass
except TypeError as e:
    print(e)
