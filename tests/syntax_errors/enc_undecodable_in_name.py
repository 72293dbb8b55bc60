# coding: utf-8
x = aöb
