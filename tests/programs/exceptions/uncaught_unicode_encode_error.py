"snowman ☃".encode("ascii")
