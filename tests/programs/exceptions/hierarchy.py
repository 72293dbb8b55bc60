for cls in [BaseException, Exception, ArithmeticError, ZeroDivisionError, OverflowError, LookupError, KeyError, IndexError,
            OSError, FileNotFoundError, PermissionError, TimeoutError, ConnectionResetError, UnicodeDecodeError,
            NotImplementedError, RecursionError, StopIteration, StopAsyncIteration, GeneratorExit, KeyboardInterrupt,
            SystemExit, ExceptionGroup, BaseExceptionGroup, ModuleNotFoundError, UnboundLocalError, TabError,
            IndentationError, DeprecationWarning, ResourceWarning, EncodingWarning, BufferError, EOFError, PythonFinalizationError]:
    print(cls.__name__, [c.__name__ for c in cls.__mro__[1:]])
