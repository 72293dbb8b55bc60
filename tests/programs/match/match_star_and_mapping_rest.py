match [1, 2, 3, 4, 5]:
    case [first, *middle, last]:
        print(first, middle, last)
match {"a": 1, "b": 2, "c": 3}:
    case {"a": a, **others}:
        print(a, others)
match (1,):
    case [*all_]:
        print(all_)
