# coding: utf-8
x = ä¸öa
