été = 1
x = a€b
mathπ = 3
