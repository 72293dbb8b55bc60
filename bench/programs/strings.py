"""Strings: building text from pseudo-random words with join, f-strings, `%` and
str.format, then splitting, case mapping, replace, find/count, strip, slicing and
comparisons. All text is ASCII except one pass over non-Latin-1 words.

Measures str allocation, the common str methods and formatting."""

SYLLABLES = ["ka", "lo", "min", "te", "sur", "ba", "qui", "ne", "dro", "pha", "el", "ux"]
WIDE = ["\u00e9t\u00e9", "\u0444\u0438\u043b", "\u6c34\u706b", "\u03b1\u03b2\u03b3"]


def words(count, seed):
    out = []
    x = seed
    for _ in range(count):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        n = 1 + x % 3
        w = ""
        for k in range(n):
            w += SYLLABLES[(x >> (4 * k + 3)) % len(SYLLABLES)]
        out.append(w)
    return out


def build_text(ws):
    lines = []
    for i in range(0, len(ws), 8):
        chunk = ws[i:i + 8]
        lines.append(" ".join(chunk).capitalize() + ".")
    return "\n".join(lines)


def checksum(s):
    acc = 0
    for ch in s[::97]:
        acc = (acc * 31 + ord(ch)) % 1000000007
    return acc + len(s)


def formats(ws):
    parts = []
    for i, w in enumerate(ws):
        if i % 3 == 0:
            parts.append(f"{i:05d}:{w:>8}|{len(w):x}")
        elif i % 3 == 1:
            parts.append("%s=%d;%-6s" % (w, i, w[:3]))
        else:
            parts.append("{0}/{1!r}/{2:.2f}".format(i, w, i / 7))
    return ",".join(parts)


def methods(text):
    acc = 0
    for line in text.splitlines():
        up = line.upper()
        acc += up.count("KA") + line.find("te") + line.rfind("o")
        acc += len(line.replace("lo", "LOL").strip(".").title())
        if line.startswith("Ka") or line.endswith("ux."):
            acc += 1
        for w in line.lower().rstrip(".").split(" "):
            if w.isalpha() and w < "m":
                acc += len(w)
        acc += len(line.partition(" ")[2].center(70, "*"))
    return acc


def wide(n):
    acc = 0
    for i in range(n):
        s = WIDE[i % 4] + str(i) + WIDE[(i * 3) % 4]
        s = s * 3
        acc += len(s) + s.find(WIDE[2]) + ord(s[-1]) % 13
        acc += len(s.upper())
    return acc


def main():
    total = 0
    for seed in range(60):
        ws = words(12000, seed)
        text = build_text(ws)
        total += checksum(text)
        total += checksum(formats(ws))
        total += methods(text)
    total += wide(400000)
    print("strings", total)


main()
