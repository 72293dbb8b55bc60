type __debug__ = int
