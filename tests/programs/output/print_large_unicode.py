for s in ["ascii", "latin é ñ ü", "greek αβγ", "cjk 漢字", "emoji 😀🎉", "combining e\u0301", "rtl שלום", "zero\u200bwidth"]:
    print(s, len(s), len(s.encode()))
