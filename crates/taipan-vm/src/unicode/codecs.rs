//! The codecs CPython builds into `str.encode`/`bytes.decode` — utf-8, ascii, latin-1,
//! utf-16 and utf-32 (plain with a BOM, -le, -be) — with the built-in error handlers and
//! CPython's error data: which code points or bytes an error covers (`start`, `end`), its
//! `reason`, and the message `UnicodeEncodeError`/`UnicodeDecodeError` print.
//!
//! Error ranges follow each encoder's own loop in `Objects/unicodeobject.c` and
//! `Objects/stringlib/codecs.h`: ascii/latin-1 and utf-8 report a whole run of unencodable
//! characters, utf-16/32 one character at a time; decoders report the bytes of one
//! malformed sequence.

use super::data::{PyStrData, StrError, StrErrorKind};

/// The built-in error handlers (`errors=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorHandler {
    Strict,
    Ignore,
    Replace,
    BackslashReplace,
    SurrogateEscape,
    SurrogatePass,
    XmlCharRefReplace,
}

impl ErrorHandler {
    pub fn from_name(name: &str) -> Option<ErrorHandler> {
        Some(match name {
            "strict" => ErrorHandler::Strict,
            "ignore" => ErrorHandler::Ignore,
            "replace" => ErrorHandler::Replace,
            "backslashreplace" => ErrorHandler::BackslashReplace,
            "surrogateescape" => ErrorHandler::SurrogateEscape,
            "surrogatepass" => ErrorHandler::SurrogatePass,
            "xmlcharrefreplace" => ErrorHandler::XmlCharRefReplace,
            _ => return None,
        })
    }
}

/// The object an error is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorObject {
    Str(Vec<u32>),
    Bytes(Vec<u8>),
}

/// `UnicodeEncodeError`/`UnicodeDecodeError` as data (`Bytes` object = decode error).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnicodeError {
    pub encoding: &'static str,
    pub object: ErrorObject,
    pub start: usize,
    pub end: usize,
    pub reason: &'static str,
}

impl UnicodeError {
    pub fn is_decode(&self) -> bool {
        matches!(self.object, ErrorObject::Bytes(_))
    }
}

impl std::fmt::Display for UnicodeError {
    /// `UnicodeEncodeError.__str__` / `UnicodeDecodeError.__str__`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (enc, s, e, r) = (self.encoding, self.start, self.end, self.reason);
        match &self.object {
            ErrorObject::Str(cps) if e == s + 1 && s < cps.len() => {
                let c = cps[s];
                let ch = if c <= 0xff {
                    format!("\\x{c:02x}")
                } else if c <= 0xffff {
                    format!("\\u{c:04x}")
                } else {
                    format!("\\U{c:08x}")
                };
                write!(f, "'{enc}' codec can't encode character '{ch}' in position {s}: {r}")
            }
            ErrorObject::Str(_) => {
                write!(f, "'{enc}' codec can't encode characters in position {s}-{}: {r}", e.wrapping_sub(1))
            }
            ErrorObject::Bytes(b) if e == s + 1 && s < b.len() => {
                write!(f, "'{enc}' codec can't decode byte 0x{:02x} in position {s}: {r}", b[s])
            }
            ErrorObject::Bytes(_) => {
                write!(f, "'{enc}' codec can't decode bytes in position {s}-{}: {r}", e.wrapping_sub(1))
            }
        }
    }
}

/// What `encode`/`decode` can raise: a Unicode error, or another exception (LookupError for
/// an unknown codec, TypeError for a handler that cannot serve this direction).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodecError {
    Unicode(UnicodeError),
    Other(StrError),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
    /// Code unit width 2 or 4, byte order: None = native with BOM, Some(true) = big endian.
    Utf(u8, Option<bool>),
}

impl Codec {
    /// `encodings.search_function`'s normalisation for the names handled here.
    fn lookup(name: &str) -> Option<(Codec, &'static str)> {
        let n: String = name.trim().to_ascii_lowercase().chars().map(|c| if c == '-' || c == ' ' { '_' } else { c }).collect();
        Some(match n.as_str() {
            "utf_8" | "utf8" | "u8" | "utf" | "cp65001" | "utf8_ucs2" | "utf8_ucs4" => (Codec::Utf8, "utf-8"),
            "ascii" | "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "ansi_x3.4_1986" | "cp367" | "csascii"
            | "ibm367" | "iso646_us" | "iso_646.irv_1991" | "iso_ir_6" => (Codec::Ascii, "ascii"),
            "latin_1" | "latin1" | "latin" | "l1" | "iso_8859_1" | "iso8859_1" | "8859" | "cp819" | "iso_ir_100"
            | "iso_8859_1_1987" | "ibm819" | "csisolatin1" => (Codec::Latin1, "latin-1"),
            "utf_16" | "utf16" | "u16" => (Codec::Utf(2, None), "utf-16"),
            "utf_16_le" | "utf_16le" => (Codec::Utf(2, Some(false)), "utf-16-le"),
            "utf_16_be" | "utf_16be" => (Codec::Utf(2, Some(true)), "utf-16-be"),
            "utf_32" | "utf32" | "u32" => (Codec::Utf(4, None), "utf-32"),
            "utf_32_le" | "utf_32le" => (Codec::Utf(4, Some(false)), "utf-32-le"),
            "utf_32_be" | "utf_32be" => (Codec::Utf(4, Some(true)), "utf-32-be"),
            _ => return None,
        })
    }
}

/// The 256-entry decoding table (U+FFFE = undefined) of a single-byte ASCII-compatible
/// codec of the Lib (cp1252, koi8-r, mac-roman, …), from the tables the tokenizer decodes
/// source files with; these encodings run the charmap codec, as in CPython.
fn charmap_table(name: &str) -> Option<PyStrData> {
    let high = taipan_parser::tokenizer::charmap_high_half(name)?;
    let cps: Vec<u32> = (0..0x80u32).chain(high.iter().map(|&c| if c == 0xFFFD { 0xFFFE } else { c as u32 })).collect();
    Some(PyStrData::from_cps_unchecked(&cps))
}

fn unknown_encoding(name: &str) -> CodecError {
    CodecError::Other(StrError::new(StrErrorKind::LookupError, format!("unknown encoding: {name}")))
}

fn is_surrogate(c: u32) -> bool {
    (0xD800..0xE000).contains(&c)
}

fn push_backslash(out: &mut Vec<u32>, c: u32) {
    let s = if c <= 0xff {
        format!("\\x{c:02x}")
    } else if c <= 0xffff {
        format!("\\u{c:04x}")
    } else {
        format!("\\U{c:08x}")
    };
    out.extend(s.chars().map(|c| c as u32));
}

/// Writes code units of the target encoding.
struct Writer {
    codec: Codec,
    big: bool,
    out: Vec<u8>,
}

impl Writer {
    fn unit(&mut self, v: u32) {
        match self.codec {
            Codec::Utf(2, _) => {
                let b = (v as u16).to_le_bytes();
                if self.big { self.out.extend(b.iter().rev()) } else { self.out.extend(b) }
            }
            Codec::Utf(_, _) => {
                let b = v.to_le_bytes();
                if self.big { self.out.extend(b.iter().rev()) } else { self.out.extend(b) }
            }
            _ => self.out.push(v as u8),
        }
    }

    /// Encode one code point known to be encodable.
    fn char(&mut self, c: u32) {
        match self.codec {
            Codec::Utf8 => {
                let mut buf = [0u8; 4];
                let n = if c < 0x80 {
                    buf[0] = c as u8;
                    1
                } else if c < 0x800 {
                    buf[0] = 0xC0 | (c >> 6) as u8;
                    buf[1] = 0x80 | (c & 0x3F) as u8;
                    2
                } else if c < 0x10000 {
                    buf[0] = 0xE0 | (c >> 12) as u8;
                    buf[1] = 0x80 | ((c >> 6) & 0x3F) as u8;
                    buf[2] = 0x80 | (c & 0x3F) as u8;
                    3
                } else {
                    buf[0] = 0xF0 | (c >> 18) as u8;
                    buf[1] = 0x80 | ((c >> 12) & 0x3F) as u8;
                    buf[2] = 0x80 | ((c >> 6) & 0x3F) as u8;
                    buf[3] = 0x80 | (c & 0x3F) as u8;
                    4
                };
                self.out.extend_from_slice(&buf[..n]);
            }
            Codec::Utf(2, _) if c >= 0x10000 => {
                let v = c - 0x10000;
                self.unit(0xD800 | (v >> 10));
                self.unit(0xDC00 | (v & 0x3FF));
            }
            _ => self.unit(c),
        }
    }
}

impl PyStrData {
    /// `str.encode(encoding, errors)`.
    pub fn encode(&self, encoding: &str, errors: &str) -> Result<Vec<u8>, CodecError> {
        let Some((codec, name)) = Codec::lookup(encoding) else {
            let table = charmap_table(encoding).ok_or_else(|| unknown_encoding(encoding))?;
            let map = super::charmap::EncodingMap::build(&table);
            return super::charmap::charmap_encode(self, errors, &map);
        };
        // Fast paths: the cached UTF-8, ASCII and UCS-1 buffers are already the answer.
        match codec {
            Codec::Utf8 => {
                if let Some(s) = self.as_str() {
                    return Ok(s.as_bytes().to_vec());
                }
            }
            Codec::Ascii | Codec::Latin1 if self.is_ascii() => {
                return Ok(self.as_str().unwrap_or_default().as_bytes().to_vec());
            }
            _ => {}
        }
        let cps = self.to_code_points();
        encode(&cps, codec, name, errors)
    }
}

fn unknown_handler(errors: &str) -> CodecError {
    CodecError::Other(StrError::new(StrErrorKind::LookupError, format!("unknown error handler name '{errors}'")))
}

fn encode(cps: &[u32], codec: Codec, name: &'static str, errors: &str) -> Result<Vec<u8>, CodecError> {
    let (limit, reason) = match codec {
        Codec::Ascii => (0x80, "ordinal not in range(128)"),
        Codec::Latin1 => (0x100, "ordinal not in range(256)"),
        _ => (0x110000, "surrogates not allowed"),
    };
    let unencodable = |c: u32| c >= limit || (limit == 0x110000 && is_surrogate(c));
    let big = match codec {
        Codec::Utf(_, Some(b)) => b,
        _ => false,
    };
    let mut w = Writer { codec, big, out: Vec::with_capacity(cps.len()) };
    if let Codec::Utf(_, None) = codec {
        w.unit(0xFEFF);
    }
    let err = |start: usize, end: usize| {
        CodecError::Unicode(UnicodeError { encoding: name, object: ErrorObject::Str(cps.to_vec()), start, end, reason })
    };
    let handler = ErrorHandler::from_name(errors);
    let per_char = matches!(codec, Codec::Utf(..));
    let mut i = 0;
    while i < cps.len() {
        let c = cps[i];
        if !unencodable(c) {
            w.char(c);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        if !per_char {
            while end < cps.len() && unencodable(cps[end]) {
                end += 1;
            }
        }
        let Some(handler) = handler else { return Err(unknown_handler(errors)) };
        match handler {
            ErrorHandler::Strict => return Err(err(i, end)),
            ErrorHandler::Ignore => {}
            ErrorHandler::Replace => (i..end).for_each(|_| w.char('?' as u32)),
            ErrorHandler::BackslashReplace => {
                let mut rep = Vec::new();
                cps[i..end].iter().for_each(|&c| push_backslash(&mut rep, c));
                rep.into_iter().for_each(|c| w.char(c));
            }
            ErrorHandler::XmlCharRefReplace => {
                for &c in &cps[i..end] {
                    format!("&#{c};").chars().for_each(|c| w.char(c as u32));
                }
            }
            ErrorHandler::SurrogateEscape => {
                let mut k = i;
                while k < end && (0xDC80..=0xDCFF).contains(&cps[k]) {
                    k += 1;
                }
                if per_char && k == end {
                    // The handler gives one raw byte; utf-16/32 need whole code units.
                    return Err(err(i, end));
                }
                if k < end {
                    return Err(err(k, end));
                }
                cps[i..end].iter().for_each(|&c| w.out.push((c - 0xDC00) as u8));
            }
            ErrorHandler::SurrogatePass => {
                if matches!(codec, Codec::Ascii | Codec::Latin1) {
                    return Err(err(i, end));
                }
                match codec {
                    Codec::Utf8 => cps[i..end].iter().for_each(|&c| {
                        w.out.extend([0xE0 | (c >> 12) as u8, 0x80 | ((c >> 6) & 0x3F) as u8, 0x80 | (c & 0x3F) as u8])
                    }),
                    _ => cps[i..end].iter().for_each(|&c| w.unit(c)),
                }
            }
        }
        i = end;
    }
    Ok(w.out)
}

/// The UTF-8 error at `i` as CPython's decoder classifies it: (end, reason).
fn utf8_error(b: &[u8], i: usize) -> (usize, &'static str) {
    let (need, lo, hi) = match b[i] {
        0xC2..=0xDF => (2, 0x80, 0xBF),
        0xE0 => (3, 0xA0, 0xBF),
        0xED => (3, 0x80, 0x9F),
        0xE1..=0xEF => (3, 0x80, 0xBF),
        0xF0 => (4, 0x90, 0xBF),
        0xF1..=0xF3 => (4, 0x80, 0xBF),
        0xF4 => (4, 0x80, 0x8F),
        _ => return (i + 1, "invalid start byte"),
    };
    match b.get(i + 1) {
        None => return (b.len(), "unexpected end of data"),
        Some(b1) if !(lo..=hi).contains(b1) => return (i + 1, "invalid continuation byte"),
        _ => {}
    }
    for k in 2..need {
        match b.get(i + k) {
            None => return (b.len(), "unexpected end of data"),
            Some(c) if c & 0xC0 != 0x80 => return (i + k, "invalid continuation byte"),
            _ => {}
        }
    }
    (i + need, "")
}

/// `bytes.decode(encoding, errors)`.
pub fn decode(bytes: &[u8], encoding: &str, errors: &str) -> Result<PyStrData, CodecError> {
    let Some((codec, name)) = Codec::lookup(encoding) else {
        let table = charmap_table(encoding).ok_or_else(|| unknown_encoding(encoding))?;
        return super::charmap::charmap_decode(bytes, errors, &table);
    };
    match codec {
        Codec::Utf8 => {
            if let Ok(s) = std::str::from_utf8(bytes) {
                return Ok(PyStrData::new(s));
            }
        }
        Codec::Ascii if bytes.is_ascii() => return Ok(PyStrData::from_latin1(bytes)),
        _ => {}
    }
    let handler = ErrorHandler::from_name(errors);
    // utf-16/utf-32 read a BOM first; their errors then name the byte order found
    // (little endian when there is none).
    let (mut bom_skip, mut bom_big, mut name) = (0, false, name);
    if let Codec::Utf(width, None) = codec {
        let width = width as usize;
        if bytes.len() >= width {
            let bom: &[u8] = if width == 2 { &[0xFF, 0xFE] } else { &[0xFF, 0xFE, 0, 0] };
            let mob: &[u8] = if width == 2 { &[0xFE, 0xFF] } else { &[0, 0, 0xFE, 0xFF] };
            if &bytes[..width] == bom {
                bom_skip = width;
            } else if &bytes[..width] == mob {
                bom_skip = width;
                bom_big = true;
            }
        }
        name = match (width, bom_big) {
            (2, false) => "utf-16-le",
            (2, true) => "utf-16-be",
            (_, false) => "utf-32-le",
            (_, true) => "utf-32-be",
        };
    }
    let mut out: Vec<u32> = Vec::with_capacity(bytes.len());
    let err = |start: usize, end: usize, reason: &'static str| {
        CodecError::Unicode(UnicodeError { encoding: name, object: ErrorObject::Bytes(bytes.to_vec()), start, end, reason })
    };
    // Handle the error covering bytes[start..end]; returns where decoding resumes.
    let handle = |out: &mut Vec<u32>, start: usize, end: usize, reason: &'static str, surrogate: Option<(u32, usize)>|
     -> Result<usize, CodecError> {
        let Some(h) = handler else { return Err(unknown_handler(errors)) };
        match h {
            ErrorHandler::Strict => Err(err(start, end, reason)),
            ErrorHandler::Ignore => Ok(end),
            ErrorHandler::Replace => {
                out.push(0xFFFD);
                Ok(end)
            }
            ErrorHandler::BackslashReplace => {
                for &b in &bytes[start..end] {
                    push_backslash(out, b as u32);
                }
                Ok(end)
            }
            ErrorHandler::SurrogateEscape => {
                let mut k = start;
                while k < end && k < start + 4 && bytes[k] >= 0x80 {
                    out.push(0xDC00 + bytes[k] as u32);
                    k += 1;
                }
                if k == start {
                    return Err(err(start, end, reason));
                }
                Ok(k)
            }
            ErrorHandler::SurrogatePass => match surrogate {
                Some((c, n)) => {
                    out.push(c);
                    Ok(start + n)
                }
                None => Err(err(start, end, reason)),
            },
            ErrorHandler::XmlCharRefReplace => Err(CodecError::Other(StrError::new(
                StrErrorKind::TypeError,
                "don't know how to handle UnicodeDecodeError in error callback",
            ))),
        }
    };
    let mut i = 0;
    match codec {
        Codec::Latin1 => out.extend(bytes.iter().map(|&b| b as u32)),
        Codec::Ascii => {
            while i < bytes.len() {
                if bytes[i] < 0x80 {
                    out.push(bytes[i] as u32);
                    i += 1;
                } else {
                    i = handle(&mut out, i, i + 1, "ordinal not in range(128)", None)?;
                }
            }
        }
        Codec::Utf8 => {
            while i < bytes.len() {
                let b0 = bytes[i];
                if b0 < 0x80 {
                    out.push(b0 as u32);
                    i += 1;
                    continue;
                }
                let (end, reason) = utf8_error(bytes, i);
                if reason.is_empty() {
                    let n = end - i;
                    let mut c = (b0 as u32) & (0x7F >> n);
                    for &cb in &bytes[i + 1..end] {
                        c = (c << 6) | (cb & 0x3F) as u32;
                    }
                    out.push(c);
                    i = end;
                    continue;
                }
                // surrogatepass takes an encoded surrogate ED A0..BF 80..BF.
                let sur = (b0 == 0xED && bytes.len() >= i + 3 && (0xA0..=0xBF).contains(&bytes[i + 1])
                    && bytes[i + 2] & 0xC0 == 0x80)
                    .then(|| ((0xD << 12) | (((bytes[i + 1] & 0x3F) as u32) << 6) | (bytes[i + 2] & 0x3F) as u32, 3));
                i = handle(&mut out, i, end, reason, sur)?;
            }
        }
        Codec::Utf(width, order) => {
            let bom_big = order.unwrap_or(bom_big);
            let width = width as usize;
            let big = bom_big;
            i = bom_skip;
            let unit = |k: usize| -> u32 {
                let s = &bytes[k..k + width];
                let mut v = 0u32;
                for j in 0..width {
                    let b = if big { s[j] } else { s[width - 1 - j] };
                    v = (v << 8) | b as u32;
                }
                v
            };
            while i < bytes.len() {
                if i + width > bytes.len() {
                    i = handle(&mut out, i, bytes.len(), "truncated data", None)?;
                    continue;
                }
                let u = unit(i);
                if width == 4 {
                    if u > 0x10FFFF {
                        i = handle(&mut out, i, i + 4, "code point not in range(0x110000)", None)?;
                    } else if is_surrogate(u) {
                        let r = "code point in surrogate code point range(0xd800, 0xe000)";
                        i = handle(&mut out, i, i + 4, r, Some((u, 4)))?;
                    } else {
                        out.push(u);
                        i += 4;
                    }
                    continue;
                }
                if !is_surrogate(u) {
                    out.push(u);
                    i += 2;
                } else if u >= 0xDC00 {
                    i = handle(&mut out, i, i + 2, "illegal encoding", Some((u, 2)))?;
                } else if i + 4 > bytes.len() {
                    let end = bytes.len();
                    let r = if end - i == 2 || end - i == 3 { "unexpected end of data" } else { "truncated data" };
                    i = handle(&mut out, i, end, r, Some((u, 2)))?;
                } else {
                    let u2 = unit(i + 2);
                    if (0xDC00..0xE000).contains(&u2) {
                        out.push(0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00));
                        i += 4;
                    } else {
                        i = handle(&mut out, i, i + 2, "illegal UTF-16 surrogate", Some((u, 2)))?;
                    }
                }
            }
        }
    }
    Ok(PyStrData::from_cps_unchecked(&out))
}
