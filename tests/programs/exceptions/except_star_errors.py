try:
    try:
        raise ValueError
    except* ExceptionGroup:
        pass
except TypeError as e:
    print(e)
try:
    try:
        raise ValueError
    except* (ValueError, BaseExceptionGroup):
        pass
except TypeError as e:
    print(e)
