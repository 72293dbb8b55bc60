//! marshal, version 4 — the serialization of code objects inside .pyc files, as CPython
//! 3.13's `Python/marshal.c` reads and writes it.
//!
//! Each object is a type-code byte followed by its payload; ints, sizes and references are
//! 4-byte little-endian. Bit 0x80 of the type code (FLAG_REF) asks the reader to remember
//! the object in a table, and TYPE_REF `r` + index refers back to an earlier one:
//!
//! | code | type            | payload                                               |
//! |------|-----------------|-------------------------------------------------------|
//! | `0`  | NULL            | (ends a dict)                                         |
//! | `N` `F` `T` `.` `S` | None False True Ellipsis StopIteration | —              |
//! | `i`  | int (fits i32)  | i32                                                   |
//! | `I`  | int (old i64)   | i64, read only                                        |
//! | `l`  | int             | i32 n = ±digit count, then \|n\| u16 digits base 2**15 |
//! | `g` `y` | float, complex | 8 / 16 bytes IEEE little-endian                     |
//! | `f` `x` | float, complex (text, read only) | u8 length + ASCII repr (twice for x) |
//! | `s`  | bytes           | u32 length + bytes                                    |
//! | `z` `Z` | str, ASCII, < 256 chars (Z interned) | u8 length + bytes             |
//! | `a` `A` | str, ASCII (A interned) | u32 length + bytes                          |
//! | `u` `t` | str (t interned) | u32 length + surrogatepass UTF-8                    |
//! | `)`  | tuple, < 256 items | u8 count + items                                   |
//! | `(` `[` `<` `>` | tuple list set frozenset | u32 count + items                 |
//! | `{`  | dict            | key value … `0`                                       |
//! | `c`  | code            | 5 × i32, 8 objects, i32 firstlineno, 2 objects        |
//! | `r`  | back-reference  | u32 index                                             |

mod read;
mod write;

pub use read::{loads, loads_prefix};
pub use write::{dumps, dumps_version};

/// `marshal.version`.
pub const VERSION: i32 = 4;

/// How deep objects may nest, as CPython's `MAX_MARSHAL_STACK_DEPTH`.
pub const MAX_MARSHAL_STACK_DEPTH: usize = 2000;

pub(crate) const FLAG_REF: u8 = 0x80;

pub(crate) mod type_code {
    pub const NULL: u8 = b'0';
    pub const NONE: u8 = b'N';
    pub const FALSE: u8 = b'F';
    pub const TRUE: u8 = b'T';
    pub const STOPITER: u8 = b'S';
    pub const ELLIPSIS: u8 = b'.';
    pub const INT: u8 = b'i';
    pub const INT64: u8 = b'I';
    pub const FLOAT: u8 = b'f';
    pub const BINARY_FLOAT: u8 = b'g';
    pub const COMPLEX: u8 = b'x';
    pub const BINARY_COMPLEX: u8 = b'y';
    pub const LONG: u8 = b'l';
    pub const STRING: u8 = b's';
    pub const INTERNED: u8 = b't';
    pub const REF: u8 = b'r';
    pub const TUPLE: u8 = b'(';
    pub const LIST: u8 = b'[';
    pub const DICT: u8 = b'{';
    pub const CODE: u8 = b'c';
    pub const UNICODE: u8 = b'u';
    pub const SET: u8 = b'<';
    pub const FROZENSET: u8 = b'>';
    pub const ASCII: u8 = b'a';
    pub const ASCII_INTERNED: u8 = b'A';
    pub const SMALL_TUPLE: u8 = b')';
    pub const SHORT_ASCII: u8 = b'z';
    pub const SHORT_ASCII_INTERNED: u8 = b'Z';
}

/// Which Python exception CPython raises for the failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Truncated data.
    EOFError,
    /// Malformed data, recursion limit.
    ValueError,
    /// A NULL where an object is required, a code field of the wrong type.
    TypeError,
    /// Bad UTF-8 in a TYPE_UNICODE string.
    UnicodeDecodeError,
    /// A code object's fields of the wrong types (`_PyCode_Validate`, `intern_strings`).
    SystemError,
}

/// A marshal failure, with CPython's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarshalError {
    pub kind: ErrorKind,
    pub message: String,
}

impl MarshalError {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> MarshalError {
        MarshalError {
            kind,
            message: message.into(),
        }
    }
    pub(crate) fn bad(what: &str) -> MarshalError {
        MarshalError::new(ErrorKind::ValueError, format!("bad marshal data ({what})"))
    }
}

impl std::fmt::Display for MarshalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.kind, self.message)
    }
}

impl std::error::Error for MarshalError {}

#[cfg(test)]
mod tests;
