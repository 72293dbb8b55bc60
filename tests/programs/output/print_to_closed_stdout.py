import sys
print("visible")
sys.stdout.close()
try:
    print("invisible")
except ValueError as e:
    sys.stderr.write(f"ValueError: {e}\n")
