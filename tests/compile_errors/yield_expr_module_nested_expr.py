print((yield))
