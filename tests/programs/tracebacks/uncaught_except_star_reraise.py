try:
    raise ExceptionGroup("top", [ValueError(1), TypeError(2)])
except* ValueError:
    print("handled ValueError part")
