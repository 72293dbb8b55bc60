x = k'abc'
