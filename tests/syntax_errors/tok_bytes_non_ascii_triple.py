x = b'''ok
€'''
