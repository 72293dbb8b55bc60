~ not 3
