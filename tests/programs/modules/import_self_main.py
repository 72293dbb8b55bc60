import sys
import __main__
print(__main__ is sys.modules[__name__], __main__.__name__)
