try:
    x
except:
    pass
else:
y
