import gc
print(gc.garbage, gc.get_debug())
gc.set_debug(0)
print(gc.DEBUG_LEAK == (gc.DEBUG_COLLECTABLE | gc.DEBUG_UNCOLLECTABLE | gc.DEBUG_SAVEALL))
