r = [await i for i in x]
