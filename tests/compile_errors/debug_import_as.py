import sys as __debug__
