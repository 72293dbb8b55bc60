//! Python's `str` as a pure Rust value (DESIGN.md §4.2): CPython's PEP 393 representation
//! ([`PyStrData`]), the Unicode character database it needs ([`ctype`], generated from the
//! reference CPython by tools/gen_vm_unicode.py), the `str` methods on that data, the codecs
//! Python has built in (utf-8, ascii, latin-1, utf-16, utf-32 in [`codecs`]; the table-driven
//! code pages in [`charmap`]; unicode_escape and raw_unicode_escape in [`escape_codecs`])
//! with CPython's error handlers and error data, and `repr()`/`ascii()`.
//!
//! Nothing here touches objects or the interpreter: methods take and return Rust values and
//! report Python exceptions as data ([`StrError`], [`UnicodeError`]) for the object layer to
//! raise. Tested in bulk against the reference by tools/conformance/strings.py.

pub mod charmap;
pub mod codecs;
pub mod escape_codecs;
pub mod ctype;
mod data;
mod fastsearch;
mod methods_case;
mod methods_layout;
mod methods_search;
mod repr;
mod tables_index;
mod tables_records;

pub use codecs::{decode, CodecError, ErrorHandler, ErrorObject, UnicodeError};
pub use data::{adjust_slice, Kind, PyStrData, StrError, StrErrorKind};
pub use methods_layout::Translation;

#[cfg(test)]
mod tests;
