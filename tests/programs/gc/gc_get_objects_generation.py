import gc
print(type(gc.get_objects()).__name__, type(gc.get_stats()).__name__, len(gc.get_stats()))
print(sorted(gc.get_stats()[0].keys()))
