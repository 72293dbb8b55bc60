print("partial line", end="", flush=True)
raise RuntimeError("after partial")
