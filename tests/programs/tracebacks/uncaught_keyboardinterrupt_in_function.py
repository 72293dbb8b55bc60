def loop():
    for i in range(3):
        print("iteration", i)
        if i == 1:
            raise KeyboardInterrupt
loop()
