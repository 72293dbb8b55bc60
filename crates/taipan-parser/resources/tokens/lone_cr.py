x = 1y = 2
#cd
