# coding: utf-8
x = "ööö" + 1
