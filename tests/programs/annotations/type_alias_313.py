type Point = tuple[float, float]
print(Point, type(Point).__name__, Point.__value__, Point.__name__)
type Pair[T] = tuple[T, T]
print(Pair.__type_params__, Pair[int])
def first[T](xs: list[T]) -> T:
    return xs[0]
print(first([9, 8]), first.__type_params__)
class Box[T]:
    def get(self) -> T: ...
print(Box.__type_params__, Box.__parameters__ if hasattr(Box, "__parameters__") else None)
