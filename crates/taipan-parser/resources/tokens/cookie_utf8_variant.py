# coding: UTF_8-unix
x = 1
