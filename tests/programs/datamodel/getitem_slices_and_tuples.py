class S:
    def __getitem__(self, key):
        return key
s = S()
print(s[1], s[1:2], s[::-1], s[1:2, ::3], s["k"], s[...], s[None], s[()], s[(1,)])
print(s[-1:], s[:], s[1:2:3].indices(10))
