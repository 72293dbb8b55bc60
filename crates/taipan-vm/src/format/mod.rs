//! Number ↔ text conversions with CPython 3.13's exact output and error messages, as pure
//! functions on Rust values (DESIGN.md §4.2). The object layer (`float.__repr__`,
//! `format()`, `int(s, base)`, `'%d' % x`, …) converts its arguments and calls these.
//!
//! - [`float_repr`]: `repr(float)` = `str(float)`: the shortest digits that round-trip
//!   (`_Py_dg_dtoa` mode 0), fixed notation for decimal exponents in -4..16.
//! - [`double_to_string`]: `PyOS_double_to_string` (`'e' 'f' 'g' 'r'` with precision and the
//!   `#`, `+`, `.0` and `z` flags), on correctly rounded digits (Rust's exact float
//!   formatting rounds the exact binary value half-to-even, as dtoa does). These two and
//!   [`complex_repr`] live in the `taipan-dtoa` crate, shared with the parser (`ast.dump`)
//!   and marshal, and are re-exported here.
//! - [`spec`]: the format mini-language parser and the padding/grouping engine shared by
//!   [`format_int`], [`format_float`], [`format_complex`] and [`format_str`]
//!   (`Python/formatter_unicode.c`).
//! - [`int_to_str_radix`] / [`int_from_str`]: `int.__repr__`, `bin/oct/hex`, and `int(s,
//!   base)` with underscores, Unicode digits and whitespace, and the 4300-digit limit.
//! - `float(s)`, `complex(s)`: [`float_from_str`], [`complex_from_str`].
//! - `float.hex()`, `float.fromhex()`, `round(float[, n])`: [`float_hex`], [`float_fromhex`],
//!   [`float_round`], [`float_round_to_int`].
//!
//! - `str.format` parsing (`_string.formatter_parser`, `formatter_field_name_split`):
//!   [`MarkupIterator`], [`field_name_split`]; and its rendering loop, [`str_format`], over
//!   the object layer's [`FormatArgs`].
//! - `str % args` and `bytes % args`: [`percent_format`], [`bytes_percent_format`].
//!
//! Errors carry the Python exception type and CPython's message ([`FormatError`]).

mod advanced;
mod float_parse;
mod hexfloat;
mod int_str;
mod markup;
mod printf;
pub mod spec;
mod unicode_digits;

pub use advanced::{format_complex, format_float, format_int, format_str, int_to_f64};
pub use taipan_dtoa::{complex_repr, double_to_string, float_repr, DtoaFlags};
pub use markup::{field_name_split, replacement_index_error, str_format, AutoNumber, FormatArgs, FieldAccessor, FieldFirst, FieldNameIter, MarkupField, MarkupIterator, MarkupPiece};
pub use printf::{bytes_percent_format, percent_format, PercentArgs, PercentValue};
pub use hexfloat::{float_fromhex, float_hex, float_round, float_round_to_int};
pub use float_parse::{complex_from_str, float_from_str, parse_float_ascii};
pub use int_str::{int_from_bytes, int_from_str, int_round, int_to_decimal, int_to_str_radix, max_str_digits, set_max_str_digits, MAX_STR_DIGITS};
pub use unicode_digits::{decimal_value, is_space};

/// The Python exception a conversion raises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    ValueError,
    OverflowError,
    TypeError,
    /// The message is the missing key itself (`KeyError(key)`).
    KeyError,
    IndexError,
}

/// An exception type with CPython's message text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    pub kind: ErrorKind,
    pub message: String,
}

impl FormatError {
    pub fn value(message: impl Into<String>) -> FormatError {
        FormatError { kind: ErrorKind::ValueError, message: message.into() }
    }
    pub fn overflow(message: impl Into<String>) -> FormatError {
        FormatError { kind: ErrorKind::OverflowError, message: message.into() }
    }
    pub fn type_error(message: impl Into<String>) -> FormatError {
        FormatError { kind: ErrorKind::TypeError, message: message.into() }
    }
}

pub type FormatResult<T> = Result<T, FormatError>;

#[cfg(test)]
mod tests;
