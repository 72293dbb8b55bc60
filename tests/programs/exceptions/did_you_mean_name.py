def main():
    counter = 0
    for item in range(3):
        countr += item
try:
    main()
except NameError as e:
    print(type(e).__name__, e)
print("now uncaught")
lenght = 5
print(length)
