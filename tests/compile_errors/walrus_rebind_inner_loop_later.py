[i for i in range(3) for j in range((k := 1))]
