//! Native modules that CPython writes in C and the pure-Python Lib needs
//! (math, _struct, _sre, _json, zlib, …).
