# coding: utf-8
x = f"aö{1}"
