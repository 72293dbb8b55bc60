from sys import getrecursionlimt
