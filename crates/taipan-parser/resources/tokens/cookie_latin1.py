# -*- coding: latin-1 -*-
x = 'été'
é = 1
