# coding: utf-8
x = "ö" + aböcd
