//! The charmap codec (`_codecs.charmap_decode`, `charmap_encode`, `charmap_build`): what
//! the Lib's table-driven encodings (cp1252, cp437, koi8_r, mac_roman, EBCDIC cp037, …) run
//! on. Decoding reads a 256-entry table (a str, U+FFFE = undefined); encoding uses the
//! reverse map `charmap_build` derives from it (a later byte wins for a repeated character).
//! Errors are reported for the 'charmap' codec with CPython's ranges: a run of unmappable
//! characters when encoding, one byte when decoding.

use std::collections::HashMap;

use super::codecs::{CodecError, ErrorHandler, ErrorObject, UnicodeError};
use super::data::{PyStrData, StrError, StrErrorKind};

const UNDEFINED: u32 = 0xFFFE;
const REASON: &str = "character maps to <undefined>";

/// `codecs.charmap_build(decoding_table)`: character → byte.
#[derive(Clone, Debug, Default)]
pub struct EncodingMap {
    map: HashMap<u32, u8>,
}

impl EncodingMap {
    pub fn build(decoding_table: &PyStrData) -> EncodingMap {
        let mut map = HashMap::new();
        for (b, c) in decoding_table.iter().take(256).enumerate() {
            if c != UNDEFINED {
                map.insert(c, b as u8);
            }
        }
        EncodingMap { map }
    }

    pub fn get(&self, c: u32) -> Option<u8> {
        self.map.get(&c).copied()
    }
}

fn handler_of(errors: &str) -> Result<ErrorHandler, CodecError> {
    ErrorHandler::from_name(errors).ok_or_else(|| {
        CodecError::Other(StrError::new(StrErrorKind::LookupError, format!("unknown error handler name '{errors}'")))
    })
}

fn escape(c: u32, xml: bool) -> String {
    if xml {
        format!("&#{c};")
    } else if c <= 0xff {
        format!("\\x{c:02x}")
    } else if c <= 0xffff {
        format!("\\u{c:04x}")
    } else {
        format!("\\U{c:08x}")
    }
}

/// `codecs.charmap_encode(s, errors, map)`.
pub fn charmap_encode(s: &PyStrData, errors: &str, map: &EncodingMap) -> Result<Vec<u8>, CodecError> {
    let cps = s.to_code_points();
    let err = |start: usize, end: usize| {
        CodecError::Unicode(UnicodeError {
            encoding: "charmap",
            object: ErrorObject::Str(cps.clone()),
            start,
            end,
            reason: REASON,
        })
    };
    let mut out = Vec::with_capacity(cps.len());
    let mut i = 0;
    while i < cps.len() {
        if let Some(b) = map.get(cps[i]) {
            out.push(b);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < cps.len() && map.get(cps[end]).is_none() {
            end += 1;
        }
        let run = &cps[i..end];
        let mut via_map = |text: &str| -> Result<(), CodecError> {
            for c in text.chars() {
                out.push(map.get(c as u32).ok_or_else(|| err(i, end))?);
            }
            Ok(())
        };
        match handler_of(errors)? {
            ErrorHandler::Strict | ErrorHandler::SurrogatePass => return Err(err(i, end)),
            ErrorHandler::Ignore => {}
            ErrorHandler::Replace => run.iter().try_for_each(|_| via_map("?"))?,
            ErrorHandler::BackslashReplace => run.iter().try_for_each(|&c| via_map(&escape(c, false)))?,
            ErrorHandler::XmlCharRefReplace => run.iter().try_for_each(|&c| via_map(&escape(c, true)))?,
            ErrorHandler::SurrogateEscape => {
                if !run.iter().all(|c| (0xDC80..=0xDCFF).contains(c)) {
                    return Err(err(i, end));
                }
                out.extend(run.iter().map(|&c| (c - 0xDC00) as u8));
            }
        }
        i = end;
    }
    Ok(out)
}

/// `codecs.charmap_decode(bytes, errors, decoding_table)` for a str table.
pub fn charmap_decode(bytes: &[u8], errors: &str, table: &PyStrData) -> Result<PyStrData, CodecError> {
    let mut out = Vec::with_capacity(bytes.len());
    for (i, &b) in bytes.iter().enumerate() {
        match table.get(b as usize) {
            Some(c) if c != UNDEFINED => out.push(c),
            _ => {
                let err = || {
                    CodecError::Unicode(UnicodeError {
                        encoding: "charmap",
                        object: ErrorObject::Bytes(bytes.to_vec()),
                        start: i,
                        end: i + 1,
                        reason: REASON,
                    })
                };
                match handler_of(errors)? {
                    ErrorHandler::Strict | ErrorHandler::SurrogatePass => return Err(err()),
                    ErrorHandler::Ignore => {}
                    ErrorHandler::Replace => out.push(0xFFFD),
                    ErrorHandler::BackslashReplace => out.extend(escape(b as u32, false).chars().map(|c| c as u32)),
                    ErrorHandler::SurrogateEscape if b >= 0x80 => out.push(0xDC00 + b as u32),
                    ErrorHandler::SurrogateEscape => return Err(err()),
                    ErrorHandler::XmlCharRefReplace => {
                        return Err(CodecError::Other(StrError::new(
                            StrErrorKind::TypeError,
                            "don't know how to handle UnicodeDecodeError in error callback",
                        )))
                    }
                }
            }
        }
    }
    Ok(PyStrData::from_cps_unchecked(&out))
}
