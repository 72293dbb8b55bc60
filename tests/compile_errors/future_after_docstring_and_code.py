"""docstring"""
print("x")
from __future__ import generator_stop
