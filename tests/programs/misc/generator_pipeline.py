def read(lines):
    for line in lines:
        yield line.strip()
def nonblank(lines):
    return (l for l in lines if l)
def numbers(lines):
    for l in lines:
        try:
            yield int(l)
        except ValueError:
            print("skip", repr(l))
src = ["1", " 2 ", "", "x", "40"]
print(sum(numbers(nonblank(read(src)))))
