print("%s %r %a" % ("é", "é", "é"))
print("%d %i %5d %-5d| %05d %+d" % (1, 2, 3, 4, 5, 6))
print("%x %X %#x %o %#o" % (255, 255, 255, 8, 8))
print("%f %.2f %10.3f %e %.2E %g %G" % (3.14159, 3.14159, 3.14159, 31415.9, 31415.9, 0.00001, 1e20))
print("%c%c" % (65, "b"), "%%", "%(name)s is %(age)d" % {"name": "Al", "age": 3})
print("%*d|%-*d|%.*f" % (5, 1, 5, 2, 2, 3.14159))
print("%s" % (1,), "%s" % [1, 2], "%s" % ((1, 2),))
for bad in [("%d", "x"), ("%s %s", (1,)), ("%s", (1, 2)), ("%z", 1), ("%c", 1234567), ("%(a)s", 1)]:
    try:
        print(bad[0] % bad[1])
    except (TypeError, ValueError, OverflowError) as e:
        print(type(e).__name__, e)
print("%d" % 3.9, "%s" % None, "%5s|%-5s|" % ("a", "b"), "%.2s" % "abcdef")
