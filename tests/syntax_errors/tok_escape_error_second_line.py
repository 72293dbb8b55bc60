a = 1
x = 'ok' '\x' + y
