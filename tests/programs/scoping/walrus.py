data = [1, 5, 12, 3, 20]
if (n := len(data)) > 3:
    print("long", n)
print([y for x in data if (y := x * 2) > 10], y)
def f():
    [last := i for i in range(5)]
    return last
print(f())
while (chunk := data.pop()) != 12:
    print("chunk", chunk)
print(data)
