from __future__ import annotations
class C:
    attr: (y := int)
