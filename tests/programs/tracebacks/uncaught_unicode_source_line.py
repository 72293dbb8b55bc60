données = {"clé": 1}
print(données["clé"] + données["manquant"])
