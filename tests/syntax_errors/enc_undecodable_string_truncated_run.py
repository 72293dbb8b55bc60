# coding: utf-8
x = "\tä¸x"
