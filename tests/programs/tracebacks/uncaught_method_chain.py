text = "a,b,c"
parts = text.split(",").pop(5).upper()
