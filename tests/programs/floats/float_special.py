inf = float("inf")
nan = float("nan")
print(inf, -inf, nan, float("-nan"), float("Infinity"), float("  -iNF "))
print(inf - inf, inf * 0, inf + 1, -inf < 0 < inf)
print(nan == nan, nan != nan, nan < 1, nan is nan)
print([nan] == [nan], nan in [nan])
print(float("1e500"), float("-1e500"), 1e308 * 10)
import sys
print(sys.float_info.max, sys.float_info.min, sys.float_info.epsilon, sys.float_info.dig, sys.float_info.mant_dig)
