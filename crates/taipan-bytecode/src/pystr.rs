//! `PyStr`: a Python `str` value as plain data, able to hold lone surrogates.
//!
//! Representation: the code points encoded one by one in UTF-8, surrogates (U+D800..U+DFFF)
//! included as their 3-byte forms — exactly the bytes CPython's
//! `str.encode('utf-8', 'surrogatepass')` gives and marshal's TYPE_UNICODE carries. Unlike
//! WTF-8, a high surrogate followed by a low one stays two code points (`'\ud83d' '\ude00'`
//! is not `'😀'`), which is what Python requires. When no surrogate is present the bytes
//! are ordinary UTF-8 and `as_str` borrows them for free. The bytes are shared (`Arc`):
//! names are copied into many tables while compiling, and a copy is then a count increment.

use std::fmt;

#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct PyStr {
    /// Surrogatepass UTF-8; always well formed in that sense (checked on construction).
    bytes: std::sync::Arc<[u8]>,
}

/// The bytes were not surrogatepass UTF-8: CPython's UnicodeDecodeError data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidUtf8 {
    /// Offset of the first byte of the bad sequence.
    pub offset: usize,
    /// End (exclusive) of the bytes the error covers.
    pub end: usize,
    pub reason: &'static str,
    /// The first bad byte.
    pub byte: u8,
}

impl std::fmt::Display for InvalidUtf8 {
    /// `UnicodeDecodeError.__str__` for the 'utf-8' codec.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.end - self.offset == 1 {
            write!(
                f,
                "'utf-8' codec can't decode byte 0x{:02x} in position {}: {}",
                self.byte, self.offset, self.reason
            )
        } else {
            write!(
                f,
                "'utf-8' codec can't decode bytes in position {}-{}: {}",
                self.offset,
                self.end - 1,
                self.reason
            )
        }
    }
}

/// Classify the UTF-8 error at `i` as CPython's decoder does (`Objects/stringlib/codecs.h`):
/// the start byte, or how far the valid continuation bytes go.
fn classify_error(b: &[u8], i: usize) -> InvalidUtf8 {
    let b0 = b[i];
    let err = |end: usize, reason| InvalidUtf8 {
        offset: i,
        end,
        reason,
        byte: b0,
    };
    let (need, lo, hi) = match b0 {
        0xC2..=0xDF => (2, 0x80, 0xBF),
        0xE0 => (3, 0xA0, 0xBF),
        // In strict UTF-8 ED may only start U+D000..U+D7FF; surrogatepass takes the rest,
        // and only whole 3-byte surrogates.
        0xED => (3, 0x80, 0x9F),
        0xE1..=0xEF => (3, 0x80, 0xBF),
        0xF0 => (4, 0x90, 0xBF),
        0xF1..=0xF3 => (4, 0x80, 0xBF),
        0xF4 => (4, 0x80, 0x8F),
        _ => return err(i + 1, "invalid start byte"),
    };
    let cont = |k: usize| b.get(i + k).map(|&c| c & 0xC0 == 0x80);
    match b.get(i + 1) {
        None => return err(b.len(), "unexpected end of data"),
        Some(&b1) if !(lo..=hi).contains(&b1) => return err(i + 1, "invalid continuation byte"),
        _ => {}
    }
    for k in 2..need {
        match cont(k) {
            None => return err(b.len(), "unexpected end of data"),
            Some(false) => return err(i + k, "invalid continuation byte"),
            Some(true) => {}
        }
    }
    err(i + need, "invalid continuation byte")
}

impl PyStr {
    pub fn new(s: &str) -> PyStr {
        PyStr {
            bytes: s.as_bytes().into(),
        }
    }

    /// From surrogatepass UTF-8 (what `decode('utf-8', 'surrogatepass')` accepts).
    pub fn from_surrogatepass_utf8(bytes: &[u8]) -> Result<PyStr, InvalidUtf8> {
        let mut i = 0;
        while i < bytes.len() {
            match decode_one(bytes, i) {
                Some((_, len)) => i += len,
                None => return Err(classify_error(bytes, i)),
            }
        }
        Ok(PyStr {
            bytes: bytes.into(),
        })
    }

    /// Each byte is one code point U+0000..U+00FF (how marshal reads its ASCII types).
    pub fn from_latin1(bytes: &[u8]) -> PyStr {
        if bytes.is_ascii() {
            return PyStr {
                bytes: bytes.into(),
            };
        }
        let s: String = bytes.iter().map(|&b| b as char).collect();
        PyStr::new(&s)
    }

    /// From code points; `None` if one is above U+10FFFF.
    pub fn from_code_points(cps: impl IntoIterator<Item = u32>) -> Option<PyStr> {
        let mut out = Vec::new();
        for cp in cps {
            push_code_point(&mut out, cp)?;
        }
        Some(PyStr { bytes: out.into() })
    }

    /// The surrogatepass UTF-8 bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The text, when it holds no surrogate.
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.bytes).ok()
    }

    pub fn is_ascii(&self) -> bool {
        self.bytes.is_ascii()
    }

    pub fn code_points(&self) -> impl Iterator<Item = u32> + '_ {
        let mut i = 0;
        std::iter::from_fn(move || {
            let (cp, len) = decode_one(&self.bytes, i)?;
            i += len;
            Some(cp)
        })
    }

    /// `len(s)`: the number of code points.
    pub fn len(&self) -> usize {
        self.bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Would CPython 3.13 intern this string when it appears among a code object's constants?
    /// Code creation interns constants made only of ASCII letters, digits and `_`
    /// (`intern_string_constants`/`all_name_chars`), and the empty string and the one-character
    /// Latin-1 strings are interned singletons.
    pub fn is_interned_constant(&self) -> bool {
        if self
            .bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'_')
        {
            return true;
        }
        let mut cps = self.code_points();
        matches!((cps.next(), cps.next()), (Some(c), None) if c < 256)
    }
}

/// Decode one code point at `i`: (code point, byte length). Accepts surrogates.
fn decode_one(b: &[u8], i: usize) -> Option<(u32, usize)> {
    let b0 = *b.get(i)? as u32;
    let cont = |k: usize| -> Option<u32> {
        let c = *b.get(i + k)?;
        (c & 0xC0 == 0x80).then_some((c & 0x3F) as u32)
    };
    match b0 {
        0x00..=0x7F => Some((b0, 1)),
        0xC2..=0xDF => Some(((b0 & 0x1F) << 6 | cont(1)?, 2)),
        0xE0..=0xEF => {
            let cp = (b0 & 0x0F) << 12 | cont(1)? << 6 | cont(2)?;
            (cp >= 0x800).then_some((cp, 3))
        }
        0xF0..=0xF4 => {
            let cp = (b0 & 0x07) << 18 | cont(1)? << 12 | cont(2)? << 6 | cont(3)?;
            (0x10000..=0x10FFFF).contains(&cp).then_some((cp, 4))
        }
        _ => None,
    }
}

fn push_code_point(out: &mut Vec<u8>, cp: u32) -> Option<()> {
    match cp {
        0..=0x7F => out.push(cp as u8),
        0x80..=0x7FF => out.extend([0xC0 | (cp >> 6) as u8, 0x80 | (cp & 0x3F) as u8]),
        0x800..=0xFFFF => out.extend([
            0xE0 | (cp >> 12) as u8,
            0x80 | ((cp >> 6) & 0x3F) as u8,
            0x80 | (cp & 0x3F) as u8,
        ]),
        0x10000..=0x10FFFF => out.extend([
            0xF0 | (cp >> 18) as u8,
            0x80 | ((cp >> 12) & 0x3F) as u8,
            0x80 | ((cp >> 6) & 0x3F) as u8,
            0x80 | (cp & 0x3F) as u8,
        ]),
        _ => return None,
    }
    Some(())
}

/// A `PyStr` hashes and compares as its bytes, so tables keyed by `PyStr` can be searched
/// with a borrowed `&[u8]` (no `PyStr` built for a name that is already there).
impl std::borrow::Borrow<[u8]> for PyStr {
    fn borrow(&self) -> &[u8] {
        &self.bytes
    }
}

impl From<&str> for PyStr {
    fn from(s: &str) -> PyStr {
        PyStr::new(s)
    }
}

impl fmt::Debug for PyStr {
    /// Like Python's `repr` for the common cases (surrogates shown as `\udXXX`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("'")?;
        for cp in self.code_points() {
            match char::from_u32(cp) {
                Some('\'') => f.write_str("\\'")?,
                Some('\\') => f.write_str("\\\\")?,
                Some(c) if !c.is_control() => write!(f, "{c}")?,
                _ if cp < 0x100 => write!(f, "\\x{cp:02x}")?,
                _ => write!(f, "\\u{cp:04x}")?,
            }
        }
        f.write_str("'")
    }
}

impl fmt::Display for PyStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_str() {
            Some(s) => f.write_str(s),
            None => write!(f, "{}", String::from_utf8_lossy(&self.bytes)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surrogates_stay_separate_code_points() {
        let pair = PyStr::from_code_points([0xD83D, 0xDE00]).unwrap();
        assert_eq!(pair.len(), 2);
        assert_eq!(pair.as_bytes(), b"\xed\xa0\xbd\xed\xb8\x80");
        assert_eq!(pair.as_str(), None);
        assert_ne!(pair, PyStr::new("😀"));
        assert_eq!(PyStr::from_surrogatepass_utf8(pair.as_bytes()), Ok(pair));
    }

    #[test]
    fn rejects_invalid_utf8() {
        assert!(PyStr::from_surrogatepass_utf8(b"\xc0\x80").is_err());
        assert!(PyStr::from_surrogatepass_utf8(b"\xe0\x80\x80").is_err());
        assert!(PyStr::from_surrogatepass_utf8(b"a\xff").is_err());
        assert!(PyStr::from_surrogatepass_utf8(b"\xf4\x90\x80\x80").is_err());
    }

    #[test]
    fn latin1() {
        assert_eq!(PyStr::from_latin1(b"\xe9"), PyStr::new("é"));
    }

    #[test]
    fn interned_constant_rule() {
        assert!(PyStr::new("ab_c1").is_interned_constant());
        assert!(PyStr::new("").is_interned_constant());
        assert!(PyStr::new("é").is_interned_constant());
        assert!(!PyStr::new("éé").is_interned_constant());
        assert!(!PyStr::new("a b").is_interned_constant());
    }
}
