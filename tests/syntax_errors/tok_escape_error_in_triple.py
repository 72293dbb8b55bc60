x = '''
abc \x
'''
