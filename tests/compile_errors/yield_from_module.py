x = yield from [1]
