//! The values a `Constant` node (and `MatchSingleton`) can hold.

use dashu_int::UBig;

/// A literal's value, as the parser produces it. Integer literals are never negative
/// (a leading `-` is a `UnaryOp`); complex literals are pure imaginary.
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    None,
    Bool(bool),
    Ellipsis,
    Int(UBig),
    Float(f64),
    /// An imaginary literal `NUMBERj`: the value is `complex(0, imag)`.
    Complex { real: f64, imag: f64 },
    Str(Wtf8Buf),
    Bytes(Vec<u8>),
}

/// A Python `str` value as a sequence of code points, stored as generalised UTF-8
/// ("WTF-8"): ordinary UTF-8, except that lone surrogates U+D800..U+DFFF, which Python
/// strings may hold (`'\ud800'`), are encoded with the same 3-byte pattern as other
/// code points of the BMP. Valid UTF-8 is the overwhelmingly common case and is
/// available as `&str` without copying.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct Wtf8Buf {
    bytes: Vec<u8>,
}

impl Wtf8Buf {
    pub fn new() -> Self {
        Wtf8Buf { bytes: Vec::new() }
    }

    pub fn push_str(&mut self, s: &str) {
        self.bytes.extend_from_slice(s.as_bytes());
    }

    pub fn push_char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }

    /// Append any code point 0..=0x10FFFF, surrogates included.
    pub fn push_code_point(&mut self, cp: u32) {
        match char::from_u32(cp) {
            Some(c) => self.push_char(c),
            None => {
                debug_assert!((0xD800..=0xDFFF).contains(&cp));
                self.bytes.push(0xE0 | (cp >> 12) as u8);
                self.bytes.push(0x80 | ((cp >> 6) & 0x3F) as u8);
                self.bytes.push(0x80 | (cp & 0x3F) as u8);
            }
        }
    }

    pub fn push_wtf8(&mut self, other: &Wtf8Buf) {
        self.bytes.extend_from_slice(&other.bytes);
    }

    /// The string as `&str` when it holds no surrogate.
    pub fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.bytes).ok()
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The code points, surrogates included.
    pub fn code_points(&self) -> impl Iterator<Item = u32> + '_ {
        let b = &self.bytes;
        let mut i = 0;
        std::iter::from_fn(move || {
            let first = *b.get(i)?;
            let (len, init) = match first {
                0x00..=0x7F => (1, first as u32),
                0xC0..=0xDF => (2, (first & 0x1F) as u32),
                0xE0..=0xEF => (3, (first & 0x0F) as u32),
                _ => (4, (first & 0x07) as u32),
            };
            let cp = b[i + 1..i + len].iter().fold(init, |acc, &c| (acc << 6) | (c & 0x3F) as u32);
            i += len;
            Some(cp)
        })
    }
}

impl From<&str> for Wtf8Buf {
    fn from(s: &str) -> Self {
        Wtf8Buf { bytes: s.as_bytes().to_vec() }
    }
}

impl From<String> for Wtf8Buf {
    fn from(s: String) -> Self {
        Wtf8Buf { bytes: s.into_bytes() }
    }
}

impl std::fmt::Debug for Wtf8Buf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.as_str() {
            Some(s) => write!(f, "{s:?}"),
            None => write!(f, "Wtf8Buf({:?})", self.code_points().collect::<Vec<_>>()),
        }
    }
}
