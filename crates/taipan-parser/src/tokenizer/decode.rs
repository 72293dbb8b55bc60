//! From bytes to text: the UTF-8 BOM, PEP 263 coding cookies and the codecs they name.
//!
//! Two callers, two sets of rules, as in CPython:
//! - [`decode_source_for_tokenize`] is `tokenize.detect_encoding` followed by the C
//!   tokenizer's per-line decoding with `errors="replace"` (what `python -m tokenize`
//!   does): a bad byte becomes U+FFFD instead of an error;
//! - [`decode_source`] is what `compile()` does with bytes: strict decoding, with the
//!   SyntaxErrors CPython raises.
//!
//! The codecs are UTF-8, Latin-1, ASCII and CPython's single-byte ASCII-compatible
//! charmap codecs (cp1252, koi8-r, iso8859-*, mac-*, …), tables in `codecs.rs`.

use std::borrow::Cow;

use super::codecs_table::{ALIASES, CHARMAPS};
use crate::error::{SyntaxError, SyntaxErrorKind};

const BOM: &[u8] = b"\xef\xbb\xbf";

/// A codec we can decode with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Codec {
    Utf8,
    Latin1,
    Ascii,
    Charmap(&'static [u16; 128]),
}

/// `encodings.normalize_encoding` + the alias table + module names: the codec that
/// `codecs.lookup(name)` would find, if it is one we have.
fn lookup(name: &str) -> Option<Codec> {
    let lower = name.to_ascii_lowercase();
    let mut norm = String::with_capacity(lower.len());
    let mut punct = false;
    for ch in lower.chars() {
        if ch.is_alphanumeric() || ch == '.' {
            if punct && !norm.is_empty() {
                norm.push('_');
            }
            norm.push(ch);
            punct = false;
        } else {
            punct = true;
        }
    }
    let find = |n: &str| {
        ALIASES.binary_search_by(|(a, _)| (*a).cmp(n)).ok().map(|i| ALIASES[i].1)
    };
    let module = find(&norm).or_else(|| find(&norm.replace('.', "_")))?;
    Some(match module {
        "utf_8" => Codec::Utf8,
        "latin_1" => Codec::Latin1,
        "ascii" => Codec::Ascii,
        m => Codec::Charmap(CHARMAPS.iter().find(|(n, _)| *n == m)?.1),
    })
}

/// The upper half (bytes 0x80..=0xFF, U+FFFD = undefined) of the single-byte
/// ASCII-compatible codec that `name` names (cp1252, koi8-r, mac-roman, …): the VM's
/// `str.encode`/`bytes.decode` run these tables through its charmap codec.
pub fn charmap_high_half(name: &str) -> Option<&'static [u16; 128]> {
    match lookup(name)? {
        Codec::Charmap(t) => Some(t),
        _ => None,
    }
}

/// Decode with `errors="replace"`.
fn decode_replace(codec: Codec, bytes: &[u8]) -> Cow<'_, str> {
    match codec {
        Codec::Utf8 => String::from_utf8_lossy(bytes),
        _ if bytes.is_ascii() => Cow::Borrowed(std::str::from_utf8(bytes).expect("ASCII")),
        Codec::Latin1 => Cow::Owned(bytes.iter().map(|&b| b as char).collect()),
        Codec::Ascii => Cow::Owned(
            bytes.iter().map(|&b| if b < 0x80 { b as char } else { '\u{FFFD}' }).collect(),
        ),
        Codec::Charmap(table) => Cow::Owned(
            bytes
                .iter()
                .map(|&b| {
                    if b < 0x80 {
                        b as char
                    } else {
                        char::from_u32(table[(b - 0x80) as usize] as u32).unwrap_or('\u{FFFD}')
                    }
                })
                .collect(),
        ),
    }
}

/// The first line of `bytes` (through its `\n`), and the rest.
fn split_line(bytes: &[u8]) -> (&[u8], &[u8]) {
    match bytes.iter().position(|&b| b == b'\n') {
        Some(k) => bytes.split_at(k + 1),
        None => (bytes, &[]),
    }
}

/// `cookie_re` of tokenize.py: `^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)` (ASCII).
fn find_cookie_name(line: &str) -> Option<&str> {
    let b = line.as_bytes();
    let mut i = 0;
    while i < b.len() && matches!(b[i], b' ' | b'\t' | 0x0c) {
        i += 1;
    }
    if i >= b.len() || b[i] != b'#' {
        return None;
    }
    let mut j = i + 1;
    while j + 7 <= b.len() {
        if b[j] == b'\n' {
            return None;
        }
        if &b[j..j + 6] == b"coding" && matches!(b[j + 6], b':' | b'=') {
            let mut k = j + 7;
            while k < b.len() && matches!(b[k], b' ' | b'\t') {
                k += 1;
            }
            let s = k;
            while k < b.len() && (b[k].is_ascii_alphanumeric() || matches!(b[k], b'-' | b'_' | b'.')) {
                k += 1;
            }
            if k > s {
                return Some(&line[s..k]);
            }
        }
        j += 1;
    }
    None
}

/// `blank_re` of tokenize.py: `^[ \t\f]*(?:[#\r\n]|$)`.
fn is_blank(line: &[u8]) -> bool {
    let mut i = 0;
    while i < line.len() && matches!(line[i], b' ' | b'\t' | 0x0c) {
        i += 1;
    }
    i == line.len() || matches!(line[i], b'#' | b'\r' | b'\n')
}

/// `tokenize._get_normal_name`.
fn normal_name(orig: &str) -> String {
    let enc: String = orig.chars().take(12).collect::<String>().to_lowercase().replace('_', "-");
    if enc == "utf-8" || enc.starts_with("utf-8-") {
        return "utf-8".into();
    }
    if ["latin-1", "iso-8859-1", "iso-latin-1"].contains(&enc.as_str())
        || ["latin-1-", "iso-8859-1-", "iso-latin-1-"].iter().any(|p| enc.starts_with(p))
    {
        return "iso-8859-1".into();
    }
    orig.to_string()
}

fn plain_error(msg: String) -> SyntaxError {
    SyntaxError {
        kind: SyntaxErrorKind::SyntaxError,
        msg,
        lineno: 0,
        offset: 0,
        end_lineno: None,
        end_offset: None,
        text: None,
    }
}

/// What `python -m tokenize FILE` does with the file's bytes: `detect_encoding` (BOM,
/// cookie on line 1 or 2; its errors mention `filename` when given), then decoding with
/// `errors="replace"`. Returns the encoding as the ENCODING token reports it
/// (`utf-8-sig` reported as `utf-8`) and the text, BOM removed.
pub fn decode_source_for_tokenize<'a>(
    bytes: &'a [u8],
    filename: Option<&str>,
) -> Result<(String, Cow<'a, str>), SyntaxError> {
    let fname = filename.map(crate::repr::str_repr);
    let (bom, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let find_cookie = |line: &[u8]| -> Result<Option<(String, Codec)>, SyntaxError> {
        let Ok(s) = std::str::from_utf8(line) else {
            let mut msg = "invalid or missing encoding declaration".to_string();
            if let Some(f) = &fname {
                msg = format!("{msg} for {f}");
            }
            return Err(plain_error(msg));
        };
        let Some(name) = find_cookie_name(s) else { return Ok(None) };
        let enc = normal_name(name);
        let Some(codec) = lookup(&enc) else {
            let msg = match &fname {
                None => format!("unknown encoding: {enc}"),
                Some(f) => format!("unknown encoding for {f}: {enc}"),
            };
            return Err(plain_error(msg));
        };
        if bom && enc != "utf-8" {
            let msg = match &fname {
                None => "encoding problem: utf-8".to_string(),
                Some(f) => format!("encoding problem for {f}: utf-8"),
            };
            return Err(plain_error(msg));
        }
        Ok(Some((enc, codec)))
    };
    let default = || ("utf-8".to_string(), Codec::Utf8);
    let (first, rest) = split_line(body);
    let (enc, codec) = if first.is_empty() {
        default()
    } else if let Some(found) = find_cookie(first)? {
        found
    } else if !is_blank(first) {
        default()
    } else {
        let (second, _) = split_line(rest);
        if second.is_empty() {
            default()
        } else {
            find_cookie(second)?.unwrap_or_else(default)
        }
    };
    Ok((enc, decode_replace(codec, body)))
}

/// What `compile()` does with source bytes: BOM and coding cookie (line 1 or 2), then
/// strict decoding. Returns the encoding name (`utf-8`, `iso-8859-1`, … as `tokenize`
/// would report it) and the text without its BOM.
///
/// CPython does not validate UTF-8 up front (bad bytes in a comment pass; those in a name
/// or a literal fail where the parser decodes that token): the parser's entry points use
/// [`decode_source_lenient`]. Here the first bad byte anywhere fails, with its position
/// relative to its line and offset 1.
pub fn decode_source(bytes: &[u8]) -> Result<(String, Cow<'_, str>), SyntaxError> {
    let (bom, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let cookie = |line: &[u8]| -> Result<Option<(String, Codec)>, SyntaxError> {
        let s = String::from_utf8_lossy(line);
        let Some(name) = find_cookie_name(&s) else { return Ok(None) };
        let enc = normal_name(name);
        let Some(codec) = lookup(&enc) else {
            return Err(plain_error(format!("unknown encoding: {enc}")));
        };
        if bom && enc != "utf-8" {
            return Err(plain_error(format!("encoding problem: {enc} with BOM")));
        }
        Ok(Some((enc, codec)))
    };
    let (first, rest) = split_line(body);
    let mut found = cookie(first)?;
    if found.is_none() && is_blank(first) {
        found = cookie(split_line(rest).0)?;
    }
    let (enc, codec) = found.unwrap_or_else(|| ("utf-8".to_string(), Codec::Utf8));
    match codec {
        Codec::Utf8 => match std::str::from_utf8(body) {
            Ok(s) => Ok((enc, Cow::Borrowed(s))),
            Err(e) => {
                let pos = e.valid_up_to();
                let line_start = body[..pos].iter().rposition(|&b| b == b'\n').map_or(0, |k| k + 1);
                let lineno = body[..pos].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
                let bad = body[pos];
                let reason = match e.error_len() {
                    None => "unexpected end of data",
                    Some(_) if (0x80..0xC2).contains(&bad) || bad >= 0xF5 => "invalid start byte",
                    Some(_) => "invalid continuation byte",
                };
                let line_end = body[pos..].iter().position(|&b| b == b'\n').map_or(body.len(), |k| pos + k + 1);
                Err(SyntaxError {
                    kind: SyntaxErrorKind::SyntaxError,
                    msg: format!(
                        "(unicode error) 'utf-8' codec can't decode byte 0x{bad:02x} in position {}: {reason}",
                        pos - line_start
                    ),
                    lineno,
                    offset: 1,
                    end_lineno: Some(lineno),
                    end_offset: None,
                    text: Some(String::from_utf8_lossy(&body[line_start..line_end]).into_owned()),
                })
            }
        },
        Codec::Ascii => {
            if let Some(pos) = body.iter().position(|&b| b >= 0x80) {
                return Err(plain_error(format!(
                    "'ascii' codec can't decode byte 0x{:02x} in position {pos}: ordinal not in range(128)",
                    body[pos]
                )));
            }
            Ok((enc, decode_replace(codec, body)))
        }
        Codec::Charmap(table) => {
            let undefined = body.iter().position(|&b| b >= 0x80 && table[(b - 0x80) as usize] == 0xFFFD);
            if let Some(pos) = undefined {
                return Err(plain_error(format!(
                    "'charmap' codec can't decode byte 0x{:02x} in position {pos}: character maps to <undefined>",
                    body[pos]
                )));
            }
            Ok((enc, decode_replace(codec, body)))
        }
        Codec::Latin1 => Ok((enc, decode_replace(codec, body))),
    }
}

/// A byte sequence of the source that is not UTF-8 (a "maximal subpart", as both Rust's
/// and Python's decoders delimit them), replaced by one U+FFFD in the decoded text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undecodable {
    /// Byte offset of the U+FFFD (3 bytes) in the decoded text.
    pub at: usize,
    /// The original bytes (1 to 3).
    pub bytes: Vec<u8>,
}

/// The source as `compile()` sees it: for UTF-8, CPython's string tokenizer does not
/// validate the bytes up front; bad bytes in comments pass, and those in a name, a string
/// literal or a type comment fail where that token is decoded. So the text here is the
/// lossy decoding (newlines translated first, as `decode_str` does), with the replaced
/// sequences listed in `undecodable` for the tokenizer and the parser to report.
pub struct DecodedSource<'a> {
    pub encoding: String,
    pub text: Cow<'a, str>,
    pub undecodable: Vec<Undecodable>,
}

/// [`decode_source`], letting undecodable UTF-8 through (see [`DecodedSource`]).
pub fn decode_source_lenient(bytes: &[u8]) -> Result<DecodedSource<'_>, SyntaxError> {
    match decode_source(bytes) {
        Ok((encoding, text)) => Ok(DecodedSource { encoding, text, undecodable: Vec::new() }),
        Err(e) if e.msg.starts_with("(unicode error) 'utf-8'") => {
            let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
            let body = translate_newlines_bytes(body);
            let mut text = String::with_capacity(body.len() + 16);
            let mut undecodable = Vec::new();
            let mut rest: &[u8] = &body;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        text.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        text.push_str(std::str::from_utf8(&rest[..good]).expect("valid prefix"));
                        let n = e.error_len().unwrap_or(rest.len() - good);
                        undecodable.push(Undecodable { at: text.len(), bytes: rest[good..good + n].to_vec() });
                        text.push('\u{FFFD}');
                        rest = &rest[good + n..];
                    }
                }
            }
            Ok(DecodedSource { encoding: "utf-8".into(), text: Cow::Owned(text), undecodable })
        }
        Err(e) => Err(e),
    }
}

/// `translate_newlines` on bytes.
fn translate_newlines_bytes(b: &[u8]) -> Cow<'_, [u8]> {
    if !b.contains(&b'\r') {
        return Cow::Borrowed(b);
    }
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\r' {
            out.push(b'\n');
            if b.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
        } else {
            out.push(b[i]);
        }
        i += 1;
    }
    Cow::Owned(out)
}

/// The message of the `UnicodeDecodeError` Python's strict UTF-8 decoder raises for
/// `bytes` (None when they are valid): `'utf-8' codec can't decode byte 0xNN in position
/// P: REASON` or `… bytes in position P-Q: REASON`.
pub fn utf8_error_message(bytes: &[u8]) -> Option<String> {
    let e = std::str::from_utf8(bytes).err()?;
    let pos = e.valid_up_to();
    let bad = bytes[pos];
    let (n, reason) = match e.error_len() {
        None => (bytes.len() - pos, "unexpected end of data"),
        Some(n) if (0x80..0xC2).contains(&bad) || bad >= 0xF5 => (n, "invalid start byte"),
        Some(n) => (n, "invalid continuation byte"),
    };
    Some(if n == 1 {
        format!("'utf-8' codec can't decode byte 0x{bad:02x} in position {pos}: {reason}")
    } else {
        format!("'utf-8' codec can't decode bytes in position {pos}-{}: {reason}", pos + n - 1)
    })
}

/// What running a file (`python3.13 FILE`) does with its bytes: the file tokenizer's
/// decoding. Without a cookie the text must be UTF-8 ("Non-UTF-8 code starting with …
/// in file FILE on line N, but no encoding declared; …"); a cookie other than `utf-8`
/// decodes through its codec, whose failure, like an unknown codec, is "encoding
/// problem: NAME" (with " with BOM" after a BOM). These errors have no location.
/// A `utf-8` cookie does not validate the bytes in CPython (bad bytes surface later,
/// from the parser); here they give `decode_source`'s "(unicode error)" error.
pub fn decode_file_source<'a>(bytes: &'a [u8], filename: &str) -> Result<(String, Cow<'a, str>), SyntaxError> {
    let (bom, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let cookie = |line: &[u8]| -> Option<String> {
        let s = String::from_utf8_lossy(line);
        find_cookie_name(&s).map(c_normal_name)
    };
    let (first, rest) = split_line(body);
    let mut name = cookie(first);
    if name.is_none() && is_blank(first) {
        name = cookie(split_line(rest).0);
    }
    match name {
        None => match std::str::from_utf8(body) {
            Ok(s) => Ok(("utf-8".into(), Cow::Borrowed(s))),
            Err(e) => {
                let pos = e.valid_up_to();
                let lineno = body[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
                Err(plain_error(format!(
                    "Non-UTF-8 code starting with '\\x{:02x}' in file {filename} on line {lineno}, \
                     but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                    body[pos]
                )))
            }
        },
        Some(n) if n == "utf-8" => decode_source(bytes),
        Some(n) => {
            if bom {
                return Err(plain_error(format!("encoding problem: {n} with BOM")));
            }
            let problem = || plain_error(format!("encoding problem: {n}"));
            let codec = lookup(&n).ok_or_else(problem)?;
            let text = match codec {
                Codec::Utf8 => Cow::Borrowed(std::str::from_utf8(body).map_err(|_| problem())?),
                Codec::Ascii if !body.is_ascii() => return Err(problem()),
                Codec::Charmap(table)
                    if body.iter().any(|&b| b >= 0x80 && table[(b - 0x80) as usize] == 0xFFFD) =>
                {
                    return Err(problem())
                }
                c => decode_replace(c, body),
            };
            Ok((n, text))
        }
    }
}

/// `get_normal_name` of the C tokenizer: `utf-8` and `iso-8859-1` spelled canonically,
/// other names as written.
fn c_normal_name(name: &str) -> String {
    let buf: String = name.chars().take(12).map(|c| if c == '_' { '-' } else { c.to_ascii_lowercase() }).collect();
    if buf == "utf-8" || buf.starts_with("utf-8-") {
        "utf-8".into()
    } else if ["latin-1", "iso-8859-1", "iso-latin-1"].contains(&buf.as_str())
        || ["latin-1-", "iso-8859-1-", "iso-latin-1-"].iter().any(|p| buf.starts_with(p))
    {
        "iso-8859-1".into()
    } else {
        name.to_string()
    }
}

/// CPython's `translate_newlines`: `\r\n` and lone `\r` become `\n`, as the string
/// tokenizer does before the parser reads a source.
pub fn translate_newlines(src: &str) -> Cow<'_, str> {
    if !src.as_bytes().contains(&b'\r') {
        return Cow::Borrowed(src);
    }
    let mut out = String::with_capacity(src.len());
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The spans of `undecodable` that start within bytes `a..b` of the decoded text.
pub(crate) fn undecodable_in(undecodable: &[Undecodable], a: usize, b: usize) -> &[Undecodable] {
    let lo = undecodable.partition_point(|u| u.at < a);
    let hi = undecodable.partition_point(|u| u.at < b);
    &undecodable[lo..hi.max(lo)]
}

/// How many bytes of the original source bytes `a..b` of the decoded text stand for
/// (each U+FFFD of [`Undecodable`] is 3 bytes here, 1 to 3 there).
pub(crate) fn original_len(undecodable: &[Undecodable], a: usize, b: usize) -> usize {
    let spans = undecodable_in(undecodable, a, b);
    (b - a) - spans.iter().map(|u| 3 - u.bytes.len()).sum::<usize>()
}

/// The original source bytes of bytes `a..b` of the decoded text.
pub(crate) fn original_bytes(text: &[u8], undecodable: &[Undecodable], a: usize, b: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(b - a);
    let mut i = a;
    for u in undecodable_in(undecodable, a, b) {
        out.extend_from_slice(&text[i..u.at]);
        out.extend_from_slice(&u.bytes);
        i = u.at + 3;
    }
    out.extend_from_slice(&text[i.min(b)..b]);
    out
}
