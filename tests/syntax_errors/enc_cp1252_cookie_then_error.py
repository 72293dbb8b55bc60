# coding: cp1252
s = '€€' $ 1
