import sys
sys.exit("fatal: a message to stderr")
