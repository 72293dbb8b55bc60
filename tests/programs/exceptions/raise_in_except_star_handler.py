try:
    try:
        raise ExceptionGroup("eg", [ValueError("v")])
    except* ValueError:
        raise KeyError("from handler")
except BaseException as e:
    print(type(e).__name__, repr(e))
    print(repr(e.__context__) if not isinstance(e, BaseExceptionGroup) else [repr(x) for x in e.exceptions])
