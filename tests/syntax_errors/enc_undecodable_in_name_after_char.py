# coding: utf-8
x = Ã©ö÷abc
