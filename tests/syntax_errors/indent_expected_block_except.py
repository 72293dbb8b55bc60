try:
    x
except:
y
