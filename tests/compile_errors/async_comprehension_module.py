r = [i async for i in x]
