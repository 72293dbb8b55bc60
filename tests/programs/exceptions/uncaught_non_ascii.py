raise ValueError("ünïcödé message: 日本語 😀")
