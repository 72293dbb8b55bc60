#!/usr/bin/env python

# coding: latin-1
x = 'é'
