for s in ["plain", "it's", 'say "hi"', "both ' and \"", "tab\t nl\n cr\r", "\x00\x7f\x80\xff", "é\u200b\u2028", "\U0001f600", "\ud800", "\\"]:
    print(repr(s))
print(ascii("héllo\U0001f600"), ascii("\x7f"))
