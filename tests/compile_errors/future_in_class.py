class C:
    from __future__ import annotations
