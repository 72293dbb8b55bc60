import sys
n = sys.stdout.write("written\n")
print(n)
sys.stderr.write("err line\n")
sys.stdout.writelines(["a\n", "b\n"])
sys.stdout.flush()
print(sys.stdout.writable(), sys.stdout.readable() if False else "", sys.__stdout__ is sys.stdout)
