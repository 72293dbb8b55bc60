a = "Straße"
b = "STRASSE"
print(a.lower() == b.lower(), a.casefold() == b.casefold(), a.upper(), b.lower())
print("ǈ".upper(), "ǈ".lower(), "ǈ".title(), "ǈ".istitle())
print("ΣΑΣ".lower(), "ὈΔΥΣΣΕΎΣ".lower(), "İ".lower(), len("İ".lower()))
