0 00 0_0 1 1_000 0x1f 0XdeadBEEF 0x_1 0o17 0O7_7 0b1 0B1_0 1.5 .5 5. 1e5 1E-5 1e+5 1.5e5 1j 1.5J 1e5j 0j 00.5 09.5 09e1 09j 0777 1if 1else 1or 0x1for
