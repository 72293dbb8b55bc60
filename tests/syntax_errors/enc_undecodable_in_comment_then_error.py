# coding: utf-8
# ö
x = 1 +
