exit("goodbye message")
