x = 0
from __future__ import barry_as_FLUFL
