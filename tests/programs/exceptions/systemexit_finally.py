import sys
try:
    sys.exit(5)
finally:
    print("finally before exit")
