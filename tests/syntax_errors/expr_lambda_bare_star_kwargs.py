f = lambda *, **k: 0
