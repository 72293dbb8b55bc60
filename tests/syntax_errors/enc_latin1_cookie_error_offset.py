# -*- coding: latin-1 -*-
é = 0x_g
