import re
m = re.match(r"(\w+) (\w+)", "hello world foo")
print(m.group(0), m.group(1), m.groups(), m.span(2))
print(re.findall(r"\d+", "a1b22c333"), re.sub(r"(\d)", r"<\1>", "a1b2"), re.split(r"[,;]\s*", "a, b;c"))
print(re.search(r"(?P<year>\d{4})-(?P<m>\d\d)", "on 2024-05-01").groupdict())
print(bool(re.fullmatch(r"[a-z]+", "abc")), re.compile(r"x", re.I).findall("xXx"))
print([m.start() for m in re.finditer("a", "banana")], re.escape("a.b*c"))
