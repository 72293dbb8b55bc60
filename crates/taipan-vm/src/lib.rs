//! The virtual machine: objects, the interpreter loop, builtins, exceptions,
//! imports, the cycle collector and the GIL.
