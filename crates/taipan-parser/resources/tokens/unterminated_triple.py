x = '''abc

def
