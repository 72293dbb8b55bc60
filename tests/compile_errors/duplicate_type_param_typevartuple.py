class C[*Ts, *Ts]:
    pass
