from sys import path as __debug__
