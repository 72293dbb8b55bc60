from sys import __debug__
