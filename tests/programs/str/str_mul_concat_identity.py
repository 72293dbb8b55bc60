s = "abc"
print(s * 1 is s, s + "" is s, "" + s is s, s[:] is s, s[0:3] is s, str(s) is s)
print(len(s * 1000), (s * 3)[3:6])
