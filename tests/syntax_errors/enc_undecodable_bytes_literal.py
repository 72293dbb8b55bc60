# coding: utf-8
x = b"ö"
