//! [`PyStrData`]: the PEP 393 string value, as CPython 3.13 lays out `PyASCIIObject`,
//! `PyCompactUnicodeObject` and `PyUnicodeObject` (Include/cpython/unicodeobject.h).
//!
//! | field    | CPython                 | here                                              |
//! |----------|-------------------------|---------------------------------------------------|
//! | `kind`   | `state.kind` 1/2/4      | which [`Buffer`] variant: UCS-1 (`u8`), UCS-2 (`u16`), UCS-4 (`u32`), the narrowest that holds the widest code point |
//! | `ascii`  | `state.ascii`           | every code point < 128 (then the UCS-1 bytes *are* UTF-8) |
//! | `length` | `length`                | code points = buffer elements (O(1) indexing)      |
//! | `hash`   | `hash` (−1: not yet)    | `Cell<i64>`, filled by [`PyStrData::hash`]         |
//! | `utf8`   | `utf8`/`utf8_length`    | `OnceCell`, filled on first [`PyStrData::as_str`]; stays `None` when a lone surrogate makes UTF-8 impossible |
//!
//! Every constructor picks the narrowest kind (CPython's invariant that makes equal strings
//! have equal buffers), so equality and hashing can look at the buffer directly. Lone
//! surrogates (U+D800..U+DFFF) are ordinary code points here: `'\ud83d' + '\ude00'` stays two
//! code points, as Python requires. Interior mutability (the caches) makes this `!Sync`: it
//! is only touched under the GIL.

use std::cell::{Cell, OnceCell};
use std::cmp::Ordering;
use std::fmt;

use crate::hash::{hash_bytes, HashSecret};

/// Bytes per code point (`PyUnicode_1BYTE_KIND` …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Ucs1 = 1,
    Ucs2 = 2,
    Ucs4 = 4,
}

impl Kind {
    /// The narrowest kind holding `max_char`.
    pub fn for_max_char(max_char: u32) -> Kind {
        if max_char < 0x100 {
            Kind::Ucs1
        } else if max_char < 0x10000 {
            Kind::Ucs2
        } else {
            Kind::Ucs4
        }
    }
}

#[derive(Clone)]
enum Buffer {
    /// A Vec (not a boxed slice): `s += t` appends in place with amortized growth.
    Ucs1(Vec<u8>),
    Ucs2(Box<[u16]>),
    Ucs4(Box<[u32]>),
}

/// Which Python exception a `str` operation raises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StrErrorKind {
    ValueError,
    IndexError,
    OverflowError,
    TypeError,
    LookupError,
    MemoryError,
}

/// A Python exception as data: its type and message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StrError {
    pub kind: StrErrorKind,
    pub message: String,
}

impl StrError {
    pub fn new(kind: StrErrorKind, message: impl Into<String>) -> StrError {
        StrError { kind, message: message.into() }
    }
    pub fn value(message: impl Into<String>) -> StrError {
        StrError::new(StrErrorKind::ValueError, message)
    }
}

/// A Python `str` value (see the module docs for the layout).
pub struct PyStrData {
    buffer: Buffer,
    ascii: bool,
    hash: Cell<i64>,
    utf8: OnceCell<Option<Box<str>>>,
}

impl Clone for PyStrData {
    fn clone(&self) -> Self {
        PyStrData {
            buffer: self.buffer.clone(),
            ascii: self.ascii,
            hash: self.hash.clone(),
            utf8: self.utf8.clone(),
        }
    }
}

impl PyStrData {
    fn from_buffer(buffer: Buffer, ascii: bool) -> PyStrData {
        PyStrData { buffer, ascii, hash: Cell::new(-1), utf8: OnceCell::new() }
    }

    /// The empty string.
    pub fn empty() -> PyStrData {
        PyStrData::from_buffer(Buffer::Ucs1(Vec::new()), true)
    }

    /// From Rust text (never a surrogate); the UTF-8 form is cached for free.
    pub fn new(s: &str) -> PyStrData {
        if s.is_ascii() {
            return PyStrData::from_buffer(Buffer::Ucs1(s.as_bytes().into()), true);
        }
        let data = PyStrData::from_cps_unchecked(&s.chars().map(|c| c as u32).collect::<Vec<_>>());
        let _ = data.utf8.set(Some(s.into()));
        data
    }

    /// From code points (lone surrogates allowed); `None` if one is beyond U+10FFFF.
    pub fn from_code_points(cps: &[u32]) -> Option<PyStrData> {
        if cps.iter().any(|&c| c > 0x10FFFF) {
            return None;
        }
        Some(PyStrData::from_cps_unchecked(cps))
    }

    /// From code points known to be ≤ U+10FFFF.
    pub(crate) fn from_cps_unchecked(cps: &[u32]) -> PyStrData {
        let max = cps.iter().copied().max().unwrap_or(0);
        let buffer = match Kind::for_max_char(max) {
            Kind::Ucs1 => Buffer::Ucs1(cps.iter().map(|&c| c as u8).collect()),
            Kind::Ucs2 => Buffer::Ucs2(cps.iter().map(|&c| c as u16).collect()),
            Kind::Ucs4 => Buffer::Ucs4(cps.into()),
        };
        PyStrData::from_buffer(buffer, max < 0x80)
    }

    /// From Latin-1 bytes (each byte one code point).
    pub fn from_latin1(bytes: &[u8]) -> PyStrData {
        let ascii = bytes.is_ascii();
        PyStrData::from_buffer(Buffer::Ucs1(bytes.into()), ascii)
    }

    /// From generalized UTF-8 where each code point, surrogates included, is encoded on its
    /// own (`encode('utf-8', 'surrogatepass')`, marshal's form); `None` if malformed.
    pub fn from_surrogatepass_utf8(b: &[u8]) -> Option<PyStrData> {
        let mut cps = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < b.len() {
            let c = b[i] as u32;
            let (n, init, min) = match c {
                0x00..=0x7F => (1, c, 0),
                0xC2..=0xDF => (2, c & 0x1F, 0x80),
                0xE0..=0xEF => (3, c & 0x0F, 0x800),
                0xF0..=0xF4 => (4, c & 0x07, 0x10000),
                _ => return None,
            };
            if i + n > b.len() {
                return None;
            }
            let mut cp = init;
            for k in 1..n {
                let cb = b[i + k];
                if cb & 0xC0 != 0x80 {
                    return None;
                }
                cp = (cp << 6) | (cb & 0x3F) as u32;
            }
            if cp < min || cp > 0x10FFFF {
                return None;
            }
            cps.push(cp);
            i += n;
        }
        Some(PyStrData::from_cps_unchecked(&cps))
    }

    /// From the parser's string-literal value (WTF-8: a surrogate pair written as two
    /// escapes was already joined there, lone surrogates stay).
    pub fn from_wtf8(w: &taipan_parser::ast::Wtf8Buf) -> PyStrData {
        match w.as_str() {
            Some(s) => PyStrData::new(s),
            None => PyStrData::from_cps_unchecked(&w.code_points().collect::<Vec<_>>()),
        }
    }

    /// From a code-object constant.
    pub fn from_pystr(s: &taipan_bytecode::PyStr) -> PyStrData {
        match s.as_str() {
            Some(t) => PyStrData::new(t),
            None => PyStrData::from_cps_unchecked(&s.code_points().collect::<Vec<_>>()),
        }
    }

    /// To a code-object constant.
    pub fn to_pystr(&self) -> taipan_bytecode::PyStr {
        match self.as_str() {
            Some(s) => taipan_bytecode::PyStr::new(s),
            None => taipan_bytecode::PyStr::from_code_points(self.iter()).unwrap_or_default(),
        }
    }

    pub fn kind(&self) -> Kind {
        match self.buffer {
            Buffer::Ucs1(_) => Kind::Ucs1,
            Buffer::Ucs2(_) => Kind::Ucs2,
            Buffer::Ucs4(_) => Kind::Ucs4,
        }
    }

    /// Every code point < 128 (`PyUnicode_IS_ASCII`).
    pub fn is_ascii(&self) -> bool {
        self.ascii
    }

    /// Length in code points.
    pub fn len(&self) -> usize {
        match &self.buffer {
            Buffer::Ucs1(b) => b.len(),
            Buffer::Ucs2(b) => b.len(),
            Buffer::Ucs4(b) => b.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The code point at `i` (`PyUnicode_READ`), O(1).
    pub fn get(&self, i: usize) -> Option<u32> {
        match &self.buffer {
            Buffer::Ucs1(b) => b.get(i).map(|&c| c as u32),
            Buffer::Ucs2(b) => b.get(i).map(|&c| c as u32),
            Buffer::Ucs4(b) => b.get(i).copied(),
        }
    }

    /// The buffer in its own kind, for kind-generic algorithms.
    pub(crate) fn units(&self) -> super::fastsearch::Units<'_> {
        use super::fastsearch::Units;
        match &self.buffer {
            Buffer::Ucs1(b) => Units::U1(b),
            Buffer::Ucs2(b) => Units::U2(b),
            Buffer::Ucs4(b) => Units::U4(b),
        }
    }

    /// Code points, in order.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.len()).map(move |i| self.get(i).unwrap_or(0))
    }

    pub fn to_code_points(&self) -> Vec<u32> {
        match &self.buffer {
            Buffer::Ucs1(b) => b.iter().map(|&c| c as u32).collect(),
            Buffer::Ucs2(b) => b.iter().map(|&c| c as u32).collect(),
            Buffer::Ucs4(b) => b.to_vec(),
        }
    }

    /// `s[a:b]` for 0 ≤ a ≤ b ≤ len (clamped otherwise), narrowed to its own kind.
    pub fn substring(&self, a: usize, b: usize) -> PyStrData {
        let b = b.min(self.len());
        let a = a.min(b);
        match &self.buffer {
            Buffer::Ucs1(x) => PyStrData::from_latin1(&x[a..b]),
            Buffer::Ucs2(x) => PyStrData::from_cps_unchecked(&x[a..b].iter().map(|&c| c as u32).collect::<Vec<_>>()),
            Buffer::Ucs4(x) => PyStrData::from_cps_unchecked(&x[a..b]),
        }
    }

    /// The widest code point (0 for the empty string).
    pub fn max_char(&self) -> u32 {
        self.iter().max().unwrap_or(0)
    }

    /// The buffer of an ASCII string.
    #[inline]
    pub fn ascii_bytes(&self) -> Option<&[u8]> {
        match &self.buffer {
            Buffer::Ucs1(b) if self.ascii => Some(b),
            _ => None,
        }
    }

    /// From bytes known to be ASCII (no scan, no copy).
    pub(crate) fn from_ascii_vec(bytes: Vec<u8>) -> PyStrData {
        debug_assert!(bytes.is_ascii());
        PyStrData::from_buffer(Buffer::Ucs1(bytes), true)
    }

    /// The UTF-8 form (`PyUnicode_AsUTF8`), computed once; `None` when a lone surrogate
    /// makes UTF-8 impossible (then `encode('utf-8')` raises). ASCII borrows the buffer.
    pub fn as_str(&self) -> Option<&str> {
        if let Some(b) = self.ascii_bytes() {
            // SAFETY: ASCII bytes are valid UTF-8.
            return Some(unsafe { std::str::from_utf8_unchecked(b) });
        }
        self.utf8
            .get_or_init(|| {
                let mut s = String::with_capacity(self.len());
                for cp in self.iter() {
                    s.push(char::from_u32(cp)?);
                }
                Some(s.into())
            })
            .as_deref()
    }

    /// The raw PEP 393 buffer bytes (little-endian code units), what CPython hashes.
    fn buffer_bytes(&self) -> Vec<u8> {
        match &self.buffer {
            Buffer::Ucs1(b) => b.to_vec(),
            Buffer::Ucs2(b) => b.iter().flat_map(|c| c.to_le_bytes()).collect(),
            Buffer::Ucs4(b) => b.iter().flat_map(|c| c.to_le_bytes()).collect(),
        }
    }

    /// `hash(s)`: SipHash-1-3 of the buffer (crate::hash), cached in the `hash` slot.
    pub fn hash(&self, secret: &HashSecret) -> i64 {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let h = match &self.buffer {
            Buffer::Ucs1(b) => hash_bytes(secret, b),
            _ => hash_bytes(secret, &self.buffer_bytes()),
        };
        self.hash.set(h);
        h
    }

    /// `s[index]` with a Python (possibly negative) index.
    pub fn getitem(&self, index: isize) -> Result<PyStrData, StrError> {
        let n = self.len() as isize;
        let i = if index < 0 { index + n } else { index };
        match (i >= 0).then(|| self.get(i as usize)).flatten() {
            Some(cp) => Ok(PyStrData::from_cps_unchecked(&[cp])),
            None => Err(StrError::new(StrErrorKind::IndexError, "string index out of range")),
        }
    }

    /// `s[start:stop:step]` (None = omitted), slice indices adjusted as `PySlice_AdjustIndices`.
    pub fn slice(&self, start: Option<isize>, stop: Option<isize>, step: Option<isize>) -> Result<PyStrData, StrError> {
        let (start, _stop, step, n) = adjust_slice(self.len(), start, stop, step)?;
        let mut cps = Vec::with_capacity(n);
        let mut i = start;
        for _ in 0..n {
            cps.push(self.get(i as usize).unwrap_or(0));
            i += step;
        }
        Ok(PyStrData::from_cps_unchecked(&cps))
    }

    /// `a + b`: the result takes the wider kind of the two.
    pub fn concat(&self, other: &PyStrData) -> PyStrData {
        PyStrData::concat_all(&[self, other], None)
    }

    /// `self += other` on a str nothing else refers to (the interpreter's
    /// `BINARY_OP_INPLACE_ADD_UNICODE`): a Latin-1 buffer grows in place (the allocator
    /// can often extend the block), other kinds are rebuilt. Caches are reset.
    pub fn append_in_place(&mut self, other: &PyStrData) {
        match (&mut self.buffer, &other.buffer) {
            (Buffer::Ucs1(a), Buffer::Ucs1(b)) => {
                a.extend_from_slice(b);
                self.ascii &= other.ascii;
                self.hash.set(-1);
                self.utf8 = OnceCell::new();
            }
            _ => *self = PyStrData::concat_all(&[self, other], None),
        }
    }

    /// The pieces one after the other, with `sep` between each two (`str.join`, `+`,
    /// f-strings): one buffer of the widest piece's kind, filled by copying (a narrower
    /// piece is widened unit by unit). The result is canonical because each piece is.
    pub fn concat_all(parts: &[&PyStrData], sep: Option<&PyStrData>) -> PyStrData {
        let nsep = if parts.is_empty() { 0 } else { parts.len() - 1 };
        let mut total = 0usize;
        let mut wide = 0u8;
        let mut ascii = true;
        let mut note = |d: &PyStrData, times: usize| {
            total += d.len() * times;
            if times > 0 {
                wide = wide.max(match d.buffer {
                    Buffer::Ucs1(_) => 0,
                    Buffer::Ucs2(_) => 1,
                    Buffer::Ucs4(_) => 2,
                });
                ascii &= d.ascii;
            }
        };
        for p in parts {
            note(p, 1);
        }
        if let Some(s) = sep {
            note(s, nsep);
        }
        fn fill<T: Copy + Default>(total: usize, parts: &[&PyStrData], sep: Option<&PyStrData>, put: impl Fn(&mut Vec<T>, &PyStrData)) -> Box<[T]> {
            let mut out: Vec<T> = Vec::with_capacity(total);
            for (k, p) in parts.iter().enumerate() {
                if k > 0 {
                    if let Some(s) = sep {
                        put(&mut out, s);
                    }
                }
                put(&mut out, p);
            }
            out.into_boxed_slice()
        }
        let buffer = match wide {
            0 => Buffer::Ucs1(
                fill(total, parts, sep, |out: &mut Vec<u8>, d| {
                    if let Buffer::Ucs1(b) = &d.buffer {
                        out.extend_from_slice(b)
                    }
                })
                .into_vec(),
            ),
            1 => Buffer::Ucs2(fill(total, parts, sep, |out: &mut Vec<u16>, d| match &d.buffer {
                Buffer::Ucs1(b) => out.extend(b.iter().map(|&c| c as u16)),
                Buffer::Ucs2(b) => out.extend_from_slice(b),
                Buffer::Ucs4(_) => unreachable!("narrower than the widest piece"),
            })),
            _ => Buffer::Ucs4(fill(total, parts, sep, |out: &mut Vec<u32>, d| match &d.buffer {
                Buffer::Ucs1(b) => out.extend(b.iter().map(|&c| c as u32)),
                Buffer::Ucs2(b) => out.extend(b.iter().map(|&c| c as u32)),
                Buffer::Ucs4(b) => out.extend_from_slice(b),
            })),
        };
        PyStrData::from_buffer(buffer, ascii)
    }

    /// `s * n` (n ≤ 0 gives ''), CPython's OverflowError when the length overflows.
    pub fn repeat(&self, n: isize) -> Result<PyStrData, StrError> {
        if n <= 0 || self.is_empty() {
            return Ok(PyStrData::empty());
        }
        let total = self.len().checked_mul(n as usize).filter(|&t| t <= isize::MAX as usize);
        let Some(total) = total else {
            return Err(StrError::new(StrErrorKind::OverflowError, "repeated string is too long"));
        };
        if total > (1usize << 40) {
            return Err(StrError::new(StrErrorKind::MemoryError, ""));
        }
        let cps = self.to_code_points();
        let mut out = Vec::with_capacity(total);
        for _ in 0..n {
            out.extend_from_slice(&cps);
        }
        Ok(PyStrData::from_cps_unchecked(&out))
    }
}

/// `PySlice_Unpack` + `PySlice_AdjustIndices` for a sequence of `len`: (start, stop, step,
/// slice length). A zero step is CPython's ValueError.
pub fn adjust_slice(
    len: usize,
    start: Option<isize>,
    stop: Option<isize>,
    step: Option<isize>,
) -> Result<(isize, isize, isize, usize), StrError> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(StrError::value("slice step cannot be zero"));
    }
    let len = len as isize;
    let clamp = |v: Option<isize>, default: isize| -> isize {
        match v {
            None => default,
            Some(mut v) => {
                if v < 0 {
                    v += len;
                    if v < 0 {
                        v = if step < 0 { -1 } else { 0 };
                    }
                } else if v >= len {
                    v = if step < 0 { len - 1 } else { len };
                }
                v
            }
        }
    };
    let (start, stop) = if step < 0 {
        (clamp(start, len - 1), clamp(stop, -1))
    } else {
        (clamp(start, 0), clamp(stop, len))
    };
    let n = if step < 0 {
        if stop < start { ((start - stop - 1) / (-step) + 1) as usize } else { 0 }
    } else if start < stop {
        ((stop - start - 1) / step + 1) as usize
    } else {
        0
    };
    Ok((start, stop, step, n))
}

impl PartialEq for PyStrData {
    fn eq(&self, other: &Self) -> bool {
        // Equal strings have equal kinds (every constructor picks the narrowest).
        match (&self.buffer, &other.buffer) {
            (Buffer::Ucs1(a), Buffer::Ucs1(b)) => a == b,
            (Buffer::Ucs2(a), Buffer::Ucs2(b)) => a == b,
            (Buffer::Ucs4(a), Buffer::Ucs4(b)) => a == b,
            _ => false,
        }
    }
}
impl Eq for PyStrData {}

impl PartialOrd for PyStrData {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Code point by code point, as `PyUnicode_Compare`.
impl Ord for PyStrData {
    fn cmp(&self, other: &Self) -> Ordering {
        // Same kind: the units compare as the code points do.
        match (&self.buffer, &other.buffer) {
            (Buffer::Ucs1(a), Buffer::Ucs1(b)) => a.cmp(b),
            (Buffer::Ucs2(a), Buffer::Ucs2(b)) => a.cmp(b),
            (Buffer::Ucs4(a), Buffer::Ucs4(b)) => a.cmp(b),
            _ => self.iter().cmp(other.iter()),
        }
    }
}

impl std::hash::Hash for PyStrData {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for cp in self.iter() {
            state.write_u32(cp);
        }
    }
}

impl fmt::Debug for PyStrData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.repr())
    }
}

impl From<&str> for PyStrData {
    fn from(s: &str) -> Self {
        PyStrData::new(s)
    }
}
