(int, *str, **float) -> List[int]
