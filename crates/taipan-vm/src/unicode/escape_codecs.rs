//! The `unicode_escape` and `raw_unicode_escape` codecs (`Objects/unicodeobject.c`):
//! encoders that never fail, and decoders with CPython's error ranges and reasons (the
//! bytes from the backslash to the first byte not consumed) and its deprecation notice for
//! the first invalid escape, returned as text for the caller to warn with.

use super::codecs::{CodecError, ErrorHandler, ErrorObject, UnicodeError};
use super::data::{PyStrData, StrError, StrErrorKind};

fn push_hex(out: &mut Vec<u8>, c: u32) {
    let s = if c >= 0x10000 {
        format!("\\U{c:08x}")
    } else if c >= 0x100 {
        format!("\\u{c:04x}")
    } else {
        format!("\\x{c:02x}")
    };
    out.extend_from_slice(s.as_bytes());
}

/// `s.encode('unicode_escape')`.
pub fn encode_unicode_escape(s: &PyStrData) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.iter() {
        match c {
            0x5C => out.extend_from_slice(b"\\\\"),
            0x09 => out.extend_from_slice(b"\\t"),
            0x0A => out.extend_from_slice(b"\\n"),
            0x0D => out.extend_from_slice(b"\\r"),
            0x20..=0x7E => out.push(c as u8),
            _ => push_hex(&mut out, c),
        }
    }
    out
}

/// `s.encode('raw_unicode_escape')`: Latin-1 as is, the rest as \u/\U escapes.
pub fn encode_raw_unicode_escape(s: &PyStrData) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.iter() {
        if c < 0x100 {
            out.push(c as u8);
        } else {
            push_hex(&mut out, c);
        }
    }
    out
}

/// A decoded string and, when an invalid escape was met, the DeprecationWarning text.
pub type EscapeDecoded = (PyStrData, Option<String>);

struct Decoder<'a> {
    bytes: &'a [u8],
    encoding: &'static str,
    handler: Option<ErrorHandler>,
    errors: &'a str,
    out: Vec<u32>,
}

impl Decoder<'_> {
    /// Apply the error handler to bytes[start..end]; decoding resumes at `end`.
    fn error(&mut self, start: usize, end: usize, reason: &'static str) -> Result<(), CodecError> {
        let err = || {
            CodecError::Unicode(UnicodeError {
                encoding: self.encoding,
                object: ErrorObject::Bytes(self.bytes.to_vec()),
                start,
                end,
                reason,
            })
        };
        let Some(h) = self.handler else {
            return Err(CodecError::Other(StrError::new(
                StrErrorKind::LookupError,
                format!("unknown error handler name '{}'", self.errors),
            )));
        };
        match h {
            // Every escape error starts at an ASCII backslash: nothing to smuggle through.
            ErrorHandler::Strict | ErrorHandler::SurrogatePass | ErrorHandler::SurrogateEscape => Err(err()),
            ErrorHandler::Ignore => Ok(()),
            ErrorHandler::Replace => {
                self.out.push(0xFFFD);
                Ok(())
            }
            ErrorHandler::BackslashReplace => {
                for &b in &self.bytes[start..end] {
                    self.out.extend(format!("\\x{b:02x}").chars().map(|c| c as u32));
                }
                Ok(())
            }
            ErrorHandler::XmlCharRefReplace => Err(CodecError::Other(StrError::new(
                StrErrorKind::TypeError,
                "don't know how to handle UnicodeDecodeError in error callback",
            ))),
        }
    }

    /// Read `count` hex digits at `s`: Ok(value, next) or Err(first byte not consumed).
    fn hex(&self, mut s: usize, count: usize) -> Result<(u32, usize), usize> {
        let mut v = 0u32;
        for _ in 0..count {
            match self.bytes.get(s).and_then(|&b| (b as char).to_digit(16)) {
                Some(d) => v = (v << 4) | d,
                None => return Err(s.min(self.bytes.len())),
            }
            s += 1;
        }
        Ok((v, s))
    }
}

/// `bytes.decode('unicode_escape', errors)`.
pub fn decode_unicode_escape(bytes: &[u8], errors: &str) -> Result<EscapeDecoded, CodecError> {
    let mut d = Decoder {
        bytes,
        encoding: "unicodeescape",
        handler: ErrorHandler::from_name(errors),
        errors,
        out: Vec::with_capacity(bytes.len()),
    };
    let mut warning: Option<String> = None;
    let mut s = 0;
    while s < bytes.len() {
        let c = bytes[s];
        s += 1;
        if c != b'\\' {
            d.out.push(c as u32);
            continue;
        }
        let start = s - 1;
        let Some(&c) = bytes.get(s) else {
            d.error(start, bytes.len(), "\\ at end of string")?;
            break;
        };
        s += 1;
        let simple = match c {
            b'\n' => Some(None),
            b'\\' | b'\'' | b'"' => Some(Some(c as u32)),
            b'b' => Some(Some(8)),
            b'f' => Some(Some(12)),
            b't' => Some(Some(9)),
            b'n' => Some(Some(10)),
            b'r' => Some(Some(13)),
            b'v' => Some(Some(11)),
            b'a' => Some(Some(7)),
            _ => None,
        };
        if let Some(v) = simple {
            d.out.extend(v);
            continue;
        }
        match c {
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                for _ in 0..2 {
                    match bytes.get(s) {
                        Some(&o @ b'0'..=b'7') => {
                            v = (v << 3) + (o - b'0') as u32;
                            s += 1;
                        }
                        _ => break,
                    }
                }
                if v > 0o377 && warning.is_none() {
                    warning = Some(format!("invalid octal escape sequence '\\{v:o}'"));
                }
                d.out.push(v);
            }
            b'x' | b'u' | b'U' => {
                let (count, reason) = match c {
                    b'x' => (2, "truncated \\xXX escape"),
                    b'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                match d.hex(s, count) {
                    Ok((v, next)) if v <= 0x10FFFF => {
                        d.out.push(v);
                        s = next;
                    }
                    Ok((_, next)) => {
                        d.error(start, next, "illegal Unicode character")?;
                        s = next;
                    }
                    Err(at) => {
                        d.error(start, at, reason)?;
                        s = at;
                    }
                }
            }
            b'N' => {
                let malformed = "malformed \\N character escape";
                if bytes.get(s) != Some(&b'{') {
                    d.error(start, s, malformed)?;
                    continue;
                }
                let name_start = s + 1;
                let Some(len) = bytes[name_start..].iter().position(|&b| b == b'}') else {
                    d.error(start, bytes.len(), malformed)?;
                    s = bytes.len();
                    continue;
                };
                let close = name_start + len;
                if len == 0 {
                    d.error(start, close, malformed)?;
                    s = close;
                    continue;
                }
                let name = std::str::from_utf8(&bytes[name_start..close]).ok();
                match name.and_then(unicode_names2::character) {
                    Some(ch) => {
                        d.out.push(ch as u32);
                        s = close + 1;
                    }
                    None => {
                        d.error(start, close + 1, "unknown Unicode character name")?;
                        s = close + 1;
                    }
                }
            }
            _ => {
                if warning.is_none() {
                    warning = Some(format!("invalid escape sequence '\\{}'", c as char));
                }
                d.out.push('\\' as u32);
                d.out.push(c as u32);
            }
        }
    }
    Ok((PyStrData::from_cps_unchecked(&d.out), warning))
}

/// `bytes.decode('raw_unicode_escape', errors)`: only \u and \U after an odd number of
/// backslashes are escapes.
pub fn decode_raw_unicode_escape(bytes: &[u8], errors: &str) -> Result<PyStrData, CodecError> {
    let mut d = Decoder {
        bytes,
        encoding: "rawunicodeescape",
        handler: ErrorHandler::from_name(errors),
        errors,
        out: Vec::with_capacity(bytes.len()),
    };
    let mut s = 0;
    while s < bytes.len() {
        let c = bytes[s];
        if c != b'\\' {
            d.out.push(c as u32);
            s += 1;
            continue;
        }
        let run = bytes[s..].iter().take_while(|&&b| b == b'\\').count();
        let after = bytes.get(s + run).copied();
        if run % 2 == 0 || !matches!(after, Some(b'u' | b'U')) {
            d.out.extend(std::iter::repeat_n('\\' as u32, run));
            s += run;
            continue;
        }
        d.out.extend(std::iter::repeat_n('\\' as u32, run - 1));
        let start = s + run - 1;
        let (count, reason) = if after == Some(b'u') {
            (4, "truncated \\uXXXX escape")
        } else {
            (8, "truncated \\UXXXXXXXX escape")
        };
        match d.hex(s + run + 1, count) {
            Ok((v, next)) if v <= 0x10FFFF => {
                d.out.push(v);
                s = next;
            }
            Ok((_, next)) => {
                d.error(start, next, "\\Uxxxxxxxx out of range")?;
                s = next;
            }
            Err(at) => {
                d.error(start, at, reason)?;
                s = at;
            }
        }
    }
    Ok(PyStrData::from_cps_unchecked(&d.out))
}
