names = ["a", "b"]
print(f"{", ".join(names)}")
print(f"{'"'}quoted{'"'}")
print(f"{f"{f"{1 + 1}"}"}")
d = {"key": "val"}
print(f"{d["key"]}")
print(f"{
    1 + 2
}")
print(f"{"\\"}")
