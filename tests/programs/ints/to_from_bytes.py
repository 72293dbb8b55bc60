print((1024).to_bytes(2, "big"), (1024).to_bytes(2, "little"))
print((-1).to_bytes(2, "big", signed=True), (255).to_bytes())
print(int.from_bytes(b"\x00\x10", "big"), int.from_bytes(b"\x00\x10", "little"))
print(int.from_bytes(b"\xff\xff", "big", signed=True), int.from_bytes([1, 2, 3], "big"))
print(int.from_bytes(b""), (0).to_bytes(0, "big"))
for args in [(256, 1, "big"), (-1, 1, "big")]:
    try:
        args[0].to_bytes(args[1], args[2])
    except OverflowError as e:
        print(e)
try:
    (1).to_bytes(1, "middle")
except ValueError as e:
    print(e)
print((2**64).to_bytes(9, "little"))
