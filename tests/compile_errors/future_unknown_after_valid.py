from __future__ import annotations, unicode_literals, bogus_feature
