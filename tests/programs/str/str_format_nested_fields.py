data = {"user": {"name": "ann", "langs": ["py", "rs"]}}
print("{0[user][name]} knows {0[user][langs][1]}".format(data))
print("{:{fill}{align}{width}}".format("x", fill="*", align="^", width=9))
print("{0:{1}}|{0:>{1}}".format("ab", 6))
print("{!r:^10}".format("q"))
print(format(3, "{}".format(">4")))
