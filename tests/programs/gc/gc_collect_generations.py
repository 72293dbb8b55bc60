import gc
gc.collect()
for gen in range(3):
    print(gen, type(gc.collect(gen)).__name__)
try:
    gc.collect(3)
except ValueError as e:
    print(e)
