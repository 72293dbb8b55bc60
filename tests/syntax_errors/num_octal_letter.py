x = 0o7a
