//! `repr(s)` and `ascii(s)` (`unicode_repr`, `PyObject_ASCII`): the quote is `'` unless the
//! text has `'` and no `"`; non-printable characters (`str.isprintable`) are escaped.

use super::ctype;
use super::data::PyStrData;

fn push_escape(out: &mut String, c: u32) {
    use std::fmt::Write;
    let _ = if c <= 0xff {
        write!(out, "\\x{c:02x}")
    } else if c <= 0xffff {
        write!(out, "\\u{c:04x}")
    } else {
        write!(out, "\\U{c:08x}")
    };
}

impl PyStrData {
    fn repr_impl(&self, ascii_only: bool) -> String {
        let has_single = self.iter().any(|c| c == '\'' as u32);
        let has_double = self.iter().any(|c| c == '"' as u32);
        let quote = if has_single && !has_double { '"' } else { '\'' };
        let mut out = String::with_capacity(self.len() + 2);
        out.push(quote);
        for c in self.iter() {
            match c {
                0x5C => out.push_str("\\\\"),
                0x09 => out.push_str("\\t"),
                0x0A => out.push_str("\\n"),
                0x0D => out.push_str("\\r"),
                _ if c == quote as u32 => {
                    out.push('\\');
                    out.push(quote);
                }
                _ if c < 0x20 || c == 0x7F => push_escape(&mut out, c),
                _ if c < 0x7F => out.push(c as u8 as char),
                _ if !ascii_only && ctype::is_printable(c) => out.push(char::from_u32(c).unwrap_or('\u{FFFD}')),
                _ => push_escape(&mut out, c),
            }
        }
        out.push(quote);
        out
    }

    /// `repr(s)`.
    pub fn repr(&self) -> String {
        self.repr_impl(false)
    }

    /// `ascii(s)`: the repr with every non-ASCII character escaped.
    pub fn ascii(&self) -> String {
        self.repr_impl(true)
    }
}
