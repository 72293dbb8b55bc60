import sys
sys.getrefcont(None)
