ﬁle = "ligature"
ℌ = 1
café = f"{café}é"
x = "αβγ"; y = ...
