import sys
M = sys.hash_info.modulus
print(M, hash(M), hash(M + 1), hash(-1), hash(-2), hash(2**61), hash(-(2**61)))
print(hash(10**30) == hash(10**30 % M))
print(hash(1.5) == hash(3/2), hash(2.0) == hash(2))
