lambda a,d=,c: None
