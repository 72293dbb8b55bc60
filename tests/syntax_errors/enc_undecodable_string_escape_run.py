# coding: utf-8
x = "\tÃ©ö"
