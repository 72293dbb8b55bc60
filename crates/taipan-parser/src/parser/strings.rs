//! String literals: escape decoding of STRING tokens (`Parser/string_parser.c`),
//! PEP 701 f-strings (FSTRING_START … FSTRING_END) into JoinedStr/FormattedValue, and
//! implicit concatenation (`_PyPegen_concatenate_strings`), with CPython's positions.

use super::{Kw, PErr, PResult, Parser};
use crate::ast::*;
use crate::tokenizer::{Pos, TokenKind as T, TokenizerWarning};

/// Why an escape sequence could not be decoded: CPython's codec error text.
pub struct DecodeError(pub String);

fn hexval(c: u8) -> Option<u32> {
    (c as char).to_digit(16)
}

/// Decode the body of a non-raw `str` literal (`decode_unicode_with_escapes`).
pub fn decode_str_literal(body: &str) -> Result<Wtf8Buf, DecodeError> {
    decode_str_literal_warn(body, &mut None)
}

/// The SyntaxWarning text for the first invalid escape sequence at `esc` (the byte
/// after the backslash), as `warn_invalid_escape_sequence` words it.
fn invalid_escape_message(body: &[u8], esc: usize) -> String {
    let c = body[esc];
    if (b'4'..=b'7').contains(&c) {
        let end = (esc + 3).min(body.len());
        format!("invalid octal escape sequence '\\{}'", String::from_utf8_lossy(&body[esc..end]))
    } else {
        format!("invalid escape sequence '\\{}'", c as char)
    }
}

/// [`decode_str_literal`], recording the first invalid escape's warning in `warning`.
pub fn decode_str_literal_warn(body: &str, warning: &mut Option<String>) -> Result<Wtf8Buf, DecodeError> {
    let mut out = Wtf8Buf::new();
    let b = body.as_bytes();
    let mut i = 0;
    let mut run = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        out.push_str(&body[run..i]);
        let esc_start = i;
        i += 1;
        // A backslash at the end or before a non-ASCII character stays a backslash
        // (CPython rewrites it as `\u005c` before decoding): no warning.
        let Some(&c) = b.get(i).filter(|&&c| c < 0x80) else {
            out.push_char('\\');
            run = i;
            continue;
        };
        i += 1;
        match c {
            b'\n' => {}
            b'\\' => out.push_char('\\'),
            b'\'' => out.push_char('\''),
            b'"' => out.push_char('"'),
            b'a' => out.push_char('\x07'),
            b'b' => out.push_char('\x08'),
            b'f' => out.push_char('\x0c'),
            b'n' => out.push_char('\n'),
            b'r' => out.push_char('\r'),
            b't' => out.push_char('\t'),
            b'v' => out.push_char('\x0b'),
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                if v > 0o377 && warning.is_none() {
                    *warning = Some(invalid_escape_message(b, esc_start + 1));
                }
                out.push_code_point(v);
            }
            b'x' | b'u' | b'U' => {
                let (n, name) = match c {
                    b'x' => (2, "truncated \\xXX escape"),
                    b'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let mut v: u32 = 0;
                for k in 0..n {
                    match b.get(i + k).and_then(|&d| hexval(d)) {
                        Some(d) => v = v * 16 + d,
                        None => {
                            return Err(DecodeError(format!(
                                "'unicodeescape' codec can't decode bytes in position {}-{}: {name}",
                                rewritten_pos(b, esc_start),
                                rewritten_pos(b, i + k - 1)
                            )))
                        }
                    }
                }
                i += n;
                if v > 0x10FFFF {
                    return Err(DecodeError(format!(
                        "'unicodeescape' codec can't decode bytes in position {}-{}: illegal Unicode character",
                        rewritten_pos(b, esc_start),
                        rewritten_pos(b, i - 1)
                    )));
                }
                out.push_code_point(v);
            }
            b'N' => {
                let err = |end: usize| {
                    DecodeError(format!(
                        "'unicodeescape' codec can't decode bytes in position {}-{}: malformed \\N character escape",
                        rewritten_pos(b, esc_start),
                        rewritten_pos(b, end)
                    ))
                };
                if b.get(i) != Some(&b'{') {
                    return Err(err(i.saturating_sub(1)));
                }
                let Some(close) = body[i..].find('}') else { return Err(err(b.len() - 1)) };
                let name = &body[i + 1..i + close];
                match lookup_name(name) {
                    Some(cp) => out.push_code_point(cp),
                    None => {
                        return Err(DecodeError(format!(
                            "'unicodeescape' codec can't decode bytes in position {}-{}: unknown Unicode character name",
                            rewritten_pos(b, esc_start),
                            rewritten_pos(b, i + close)
                        )))
                    }
                }
                i += close + 1;
            }
            _ => {
                // Invalid escape: kept as is, with a SyntaxWarning.
                if warning.is_none() {
                    *warning = Some(invalid_escape_message(b, esc_start + 1));
                }
                out.push_char('\\');
                i -= 1;
            }
        }
        run = i;
    }
    out.push_str(&body[run..]);
    Ok(out)
}

/// Where byte `i` of a literal's body lands in the buffer `decode_unicode_with_escapes`
/// hands to the `unicodeescape` codec, whose error positions count in that buffer: each
/// non-ASCII character is rewritten as `\UXXXXXXXX` (10 bytes), and a backslash before a
/// non-ASCII character or at the end as `\u005c` (6 bytes).
fn rewritten_pos(b: &[u8], i: usize) -> usize {
    if b.is_ascii() {
        return i;
    }
    let n = b.len();
    let (mut s, mut p) = (0, 0);
    while s < n {
        if b[s] == b'\\' {
            if s == i {
                return p;
            }
            s += 1;
            p += 1;
            if s >= n || b[s] >= 0x80 {
                p += 5;
                if s >= n {
                    break;
                }
            }
        }
        if s >= i {
            return p;
        }
        if b[s] >= 0x80 {
            while s < n && b[s] >= 0x80 {
                let len = match b[s] {
                    0xF0.. => 4,
                    0xE0.. => 3,
                    _ => 2,
                };
                if s + len > i {
                    return p;
                }
                s += len;
                p += 10;
            }
        } else {
            s += 1;
            p += 1;
        }
    }
    p + i.saturating_sub(s)
}

/// Decode the body of a bytes literal (`PyBytes_DecodeEscape`).
pub fn decode_bytes_literal(body: &str, raw: bool) -> Result<Vec<u8>, DecodeError> {
    decode_bytes_literal_warn(body, raw, &mut None)
}

/// [`decode_bytes_literal`], recording the first invalid escape's warning.
pub fn decode_bytes_literal_warn(body: &str, raw: bool, warning: &mut Option<String>) -> Result<Vec<u8>, DecodeError> {
    let b = body.as_bytes();
    if raw {
        return Ok(b.to_vec());
    }
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        if c != b'\\' {
            out.push(c);
            continue;
        }
        let Some(&e) = b.get(i) else {
            return Err(DecodeError("Trailing \\ in string".into()));
        };
        i += 1;
        match e {
            b'\n' => {}
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                let mut n = 1;
                let esc = i - 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                if v > 0o377 && warning.is_none() {
                    *warning = Some(invalid_escape_message(b, esc));
                }
                out.push(v as u8);
            }
            b'x' => match (b.get(i).and_then(|&d| hexval(d)), b.get(i + 1).and_then(|&d| hexval(d))) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 2;
                }
                _ => return Err(DecodeError(format!("invalid \\x escape at position {}", i - 2))),
            },
            _ => {
                if warning.is_none() {
                    *warning = Some(invalid_escape_message(b, i - 1));
                }
                out.push(b'\\');
                i -= 1;
            }
        }
    }
    Ok(out)
}

/// The prefix letters and quote of a string token: (prefix, quote length).
fn split_prefix(text: &str) -> (&str, usize) {
    let p = text.find(['\'', '"']).unwrap_or(0);
    let rest = &text.as_bytes()[p..];
    let q = if rest.len() >= 6 && rest[0] == rest[1] && rest[1] == rest[2] { 3 } else { 1 };
    (&text[..p], q)
}

/// A piece of an implicit concatenation before folding.
enum Piece {
    Expr(Expr),
}

impl<'src> Parser<'src> {
    /// `strings`: one or more adjacent STRING / f-string literals.
    pub(crate) fn strings(&mut self) -> PResult<Expr> {
        let start = self.start();
        // Each STRING is decoded by the `string` rule's action, right after the token
        // (where CPython reports decoding errors).
        let mut items: Vec<Expr> = Vec::new();
        loop {
            match self.kind() {
                T::STRING => {
                    let i = self.bump();
                    let e = self.string_constant(i)?;
                    items.push(e);
                }
                T::FSTRING_START => {
                    let e = self.fstring()?;
                    items.push(e);
                }
                _ => break,
            }
        }
        let range = self.range_from(start);
        self.concatenate_strings(items.into_iter().map(Piece::Expr).collect(), range)
    }

    /// `_PyPegen_constant_from_string`.
    fn string_constant(&mut self, i: usize) -> PResult<Expr> {
        let range = self.tok_range(i);
        let text = &self.toks[i].text;
        let (prefix, q) = split_prefix(text);
        let body = &text[prefix.len() + q..text.len() - q];
        let raw = prefix.contains(['r', 'R']);
        let is_bytes = prefix.contains(['b', 'B']);
        let kind = if text.starts_with('u') { Some("u".to_string()) } else { None };
        let value = if is_bytes {
            if !body.is_ascii() {
                return Err(self.raise_at_last_token("bytes can only contain ASCII literal characters"));
            }
            let mut warning = None;
            let r = decode_bytes_literal_warn(body, raw, &mut warning);
            if let Some(w) = warning {
                self.warn(i, w);
            }
            match r {
                Ok(v) => Constant::Bytes(v),
                Err(DecodeError(m)) => return Err(self.raise_at_last_token(format!("(value error) {m}"))),
            }
        } else if let Some(e) =
            (!self.undecodable.is_empty()).then(|| self.undecodable_error(body, !raw && body.contains('\\'))).flatten()
        {
            // `_Pypegen_raise_decode_error` at the last token fetched.
            return Err(self.raise_at_last_token(format!("(unicode error) {}", e.msg)));
        } else if raw || !body.contains('\\') {
            Constant::Str(Wtf8Buf::from(body))
        } else {
            let mut warning = None;
            let r = decode_str_literal_warn(body, &mut warning);
            if let Some(w) = warning {
                self.warn(i, w);
            }
            match r {
                Ok(v) => Constant::Str(v),
                Err(DecodeError(m)) => return Err(self.raise_range(format!("(unicode error) {m}"), range)),
            }
        };
        Ok(Expr::Constant(ExprConstant { value, kind, range }))
    }

    /// `fstring`: FSTRING_START fstring_middle* FSTRING_END → JoinedStr.
    fn fstring(&mut self) -> PResult<Expr> {
        let start_i = self.bump();
        let is_raw = self.toks[start_i].text.contains(['r', 'R']);
        let start = self.toks[start_i].start;
        // Literal parts are decoded in the rule's action, once FSTRING_END is consumed.
        let mut raw_values: Vec<Result<Expr, usize>> = Vec::new();
        loop {
            match self.kind() {
                T::FSTRING_MIDDLE => {
                    let i = self.bump();
                    // `_PyPegen_constant_from_token`: the part's bytes decoded strictly,
                    // the error escaping as is.
                    if !self.undecodable.is_empty() {
                        let text = self.toks[i].text.clone();
                        if let Some(e) = self.undecodable_error(&text, false) {
                            return Err(e.into());
                        }
                    }
                    raw_values.push(Err(i));
                }
                T::LBRACE => {
                    let e = self.fstring_replacement_field_checked()?;
                    raw_values.push(Ok(e));
                }
                T::FSTRING_END => {
                    self.bump();
                    break;
                }
                _ => return Err(PErr::Fail),
            }
        }
        // unpack_top_level_joined_strs, then drop empty constants.
        let mut values = Vec::with_capacity(raw_values.len());
        for v in raw_values {
            let v = match v {
                Ok(e) => e,
                Err(i) => {
                    let range = self.tok_range(i);
                    let end_tok = self.pos - 1;
                    let value = self.decode_fstring_part(i, is_raw, end_tok)?;
                    Expr::Constant(ExprConstant { value: Constant::Str(value), kind: None, range })
                }
            };
            match v {
                Expr::JoinedStr(j) => values.extend(j.values),
                Expr::Constant(c) if is_empty_str(&c.value) => {}
                other => values.push(other),
            }
        }
        Ok(Expr::JoinedStr(ExprJoinedStr { values, range: self.range_from(start) }))
    }

    /// `_PyPegen_decode_fstring_part`.
    /// `line_tok` is the token whose line a warning names (FSTRING_END for the
    /// f-string's own parts, the part itself in a format spec).
    fn decode_fstring_part(&mut self, i: usize, is_raw: bool, line_tok: usize) -> PResult<Wtf8Buf> {
        let text: &str = &self.toks[i].text;
        let text = if text == "{{" || text == "}}" { &text[..1] } else { text };
        if is_raw || !text.contains('\\') {
            return Ok(Wtf8Buf::from(text));
        }
        let mut warning = None;
        let r = decode_str_literal_warn(text, &mut warning);
        if let Some(w) = warning {
            // `\{` and `\}` were already reported by the tokenizer.
            if !w.ends_with("\\{'") && !w.ends_with("\\}'") && self.warned.insert(i) {
                let lineno = self.toks[line_tok].start.line;
                self.warnings.push(TokenizerWarning { lineno, msg: w });
            }
        }
        match r {
            Ok(v) => Ok(v),
            Err(DecodeError(m)) => {
                let m = format!("(unicode error) {m}");
                Err(self.raise_at_last_token(m))
            }
        }
    }

    /// `fstring_replacement_field`.
    pub(crate) fn fstring_replacement_field(&mut self) -> PResult<Expr> {
        let lbrace_i = self.bump();
        let lbrace = self.toks[lbrace_i].start;
        let lbrace_end = self.toks[lbrace_i].end;
        let value = if self.at_kw(Kw::Yield) { self.yield_expr()? } else { self.star_expressions()? };
        let debug = self.eat(T::EQUAL);
        let mut conversion: i64 = -1;
        let mut conversion_pos: Option<Pos> = None;
        // An invalid conversion character is reported by the action
        // (`_PyPegen_formatted_value`), i.e. only once the closing '}' is there.
        let mut bad_conversion: Option<(String, Pos, Pos)> = None;
        if self.at(T::EXCLAMATION) {
            let bang = self.bump();
            let bang_end = self.toks[bang].end;
            conversion_pos = Some(self.toks[bang].start);
            if !self.at(T::NAME) {
                return Err(PErr::Fail);
            }
            let ni = self.bump();
            let (nstart, nend) = (self.toks[ni].start, self.toks[ni].end);
            if nstart != bang_end {
                let m = "f-string: conversion type must come right after the exclamanation mark";
                return Err(self.error_at(crate::error::SyntaxErrorKind::SyntaxError, m, self.toks[bang].start, nend).into());
            }
            let name = self.toks[ni].text.to_string();
            if name.chars().count() > 1 || !matches!(name.as_str(), "s" | "r" | "a") {
                let m = format!(
                    "f-string: invalid conversion character {}: expected 's', 'r', or 'a'",
                    crate::repr::str_repr(&name)
                );
                bad_conversion = Some((m, nstart, nend));
            }
            conversion = name.as_bytes()[0] as i64;
        }
        let mut format_spec: Option<Expr> = None;
        let mut colon_pos: Option<Pos> = None;
        if self.at(T::COLON) {
            let colon_i = self.bump();
            let colon = self.toks[colon_i].start;
            colon_pos = Some(colon);
            let mut spec: Vec<Expr> = Vec::new();
            loop {
                match self.kind() {
                    T::FSTRING_MIDDLE => {
                        let i = self.bump();
                        // `_PyPegen_decoded_constant_from_token`: `decode_unicode_with_escapes`,
                        // its error escaping as is.
                        if !self.undecodable.is_empty() {
                            let text = self.toks[i].text.clone();
                            if let Some(e) = self.undecodable_error(&text, true) {
                                return Err(e.into());
                            }
                        }
                        let range = self.tok_range(i);
                        let value = self.decode_fstring_part(i, false, i)?;
                        spec.push(Expr::Constant(ExprConstant { value: Constant::Str(value), kind: None, range }));
                    }
                    T::LBRACE => {
                        let e = self.fstring_replacement_field_checked()?;
                        spec.push(e);
                    }
                    _ => break,
                }
            }
            let range = self.range_from(colon);
            spec.retain(|e| !matches!(e, Expr::Constant(c) if is_empty_str(&c.value)));
            let js = if spec.is_empty() || (spec.len() == 1 && matches!(spec[0], Expr::Constant(_))) {
                Expr::JoinedStr(ExprJoinedStr { values: spec, range })
            } else {
                self.concatenate_strings(spec.into_iter().map(Piece::Expr).collect(), range)?
            };
            format_spec = Some(js);
        }
        let rbrace_i = self.expect(T::RBRACE)?;
        if let Some((m, s, e)) = bad_conversion {
            return Err(self.error_at(crate::error::SyntaxErrorKind::SyntaxError, m, s, e).into());
        }
        let rbrace = self.toks[rbrace_i].start;
        if conversion == -1 && debug && format_spec.is_none() {
            conversion = b'r' as i64;
        }
        let range = self.range_from(lbrace);
        let fv = Expr::FormattedValue(ExprFormattedValue {
            value: Box::new(value),
            conversion: conversion as i32,
            format_spec: format_spec.map(Box::new),
            range,
        });
        if !debug {
            return Ok(fv);
        }
        // The debug text is the source of the expression with its `=` and spaces.
        let debug_end = conversion_pos.or(colon_pos).unwrap_or(rbrace);
        let text = self.slice(lbrace_end, debug_end);
        let text = if text.contains('\r') { text.replace("\r\n", "\n") } else { text.to_string() };
        let text = if text.contains('#') { strip_comments(&text) } else { text };
        let dbg = Expr::Constant(ExprConstant {
            value: Constant::Str(Wtf8Buf::from(text)),
            kind: None,
            range: TextRange::new(lbrace.line, lbrace.col + 1, debug_end.line, debug_end.col),
        });
        let end = self.prev_end();
        Ok(Expr::JoinedStr(ExprJoinedStr {
            values: vec![dbg, fv],
            range: TextRange::new(lbrace.line, lbrace.col, end.line, end.col),
        }))
    }

    /// `_PyPegen_concatenate_strings`.
    fn concatenate_strings(&mut self, pieces: Vec<Piece>, range: TextRange) -> PResult<Expr> {
        let strings: Vec<Expr> = pieces.into_iter().map(|Piece::Expr(e)| e).collect();
        let mut f_string_found = false;
        let mut unicode_found = false;
        let mut bytes_found = false;
        for e in &strings {
            match e {
                Expr::Constant(c) => {
                    if matches!(c.value, Constant::Bytes(_)) {
                        bytes_found = true;
                    } else {
                        unicode_found = true;
                    }
                }
                _ => f_string_found = true,
            }
        }
        if (unicode_found || f_string_found) && bytes_found {
            return Err(self.raise_at_last_token("cannot mix bytes and nonbytes literals"));
        }
        if bytes_found {
            let mut res = Vec::new();
            let mut kind = None;
            for (k, e) in strings.into_iter().enumerate() {
                if let Expr::Constant(c) = e {
                    if k == 0 {
                        kind = c.kind;
                    }
                    if let Constant::Bytes(b) = c.value {
                        res.extend(b);
                    }
                }
            }
            return Ok(Expr::Constant(ExprConstant { value: Constant::Bytes(res), kind, range }));
        }
        if !f_string_found && strings.len() == 1 {
            return Ok(strings.into_iter().next().expect("one string"));
        }
        let mut flattened = Vec::new();
        for e in strings {
            match e {
                Expr::JoinedStr(j) => flattened.extend(j.values),
                other => flattened.push(other),
            }
        }
        let mut values: Vec<Expr> = Vec::new();
        let mut it = flattened.into_iter().peekable();
        while let Some(elem) = it.next() {
            let elem = match elem {
                Expr::Constant(first) if matches!(it.peek(), Some(Expr::Constant(_))) => {
                    let mut s = match first.value {
                        Constant::Str(s) => s,
                        _ => Wtf8Buf::new(),
                    };
                    let mut last_range = first.range;
                    while let Some(Expr::Constant(_)) = it.peek() {
                        if let Some(Expr::Constant(c)) = it.next() {
                            if let Constant::Str(t) = &c.value {
                                s.push_wtf8(t);
                            }
                            last_range = c.range;
                        }
                    }
                    Expr::Constant(ExprConstant {
                        value: Constant::Str(s),
                        kind: first.kind,
                        range: first.range.to(last_range),
                    })
                }
                other => other,
            };
            if f_string_found {
                if let Expr::Constant(c) = &elem {
                    if is_empty_str(&c.value) {
                        continue;
                    }
                }
            }
            values.push(elem);
        }
        if !f_string_found {
            return Ok(values.into_iter().next().expect("folded to one constant"));
        }
        Ok(Expr::JoinedStr(ExprJoinedStr { values, range }))
    }
}

/// `unicodedata.lookup(name)` for `\N{name}` escapes.
fn lookup_name(name: &str) -> Option<u32> {
    unicode_names2::character(name).map(|c| c as u32)
}

/// The debug text of `f"{expr=}"` leaves out comments (the tokenizer does not copy them
/// into the expression buffer); `#` inside string literals is not a comment.
fn strip_comments(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut run = 0;
    while i < b.len() {
        match b[i] {
            q @ (b'\'' | b'"') => {
                let triple = b.len() >= i + 3 && b[i + 1] == q && b[i + 2] == q;
                let n = if triple { 3 } else { 1 };
                i += n;
                while i < b.len() {
                    if b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if b[i] == q && (!triple || (b.len() >= i + 3 && b[i + 1] == q && b[i + 2] == q)) {
                        i += n;
                        break;
                    }
                    i += 1;
                }
            }
            b'#' => {
                out.push_str(&text[run..i]);
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                run = i;
            }
            _ => i += 1,
        }
    }
    out.push_str(&text[run.min(text.len())..]);
    out
}

fn is_empty_str(c: &Constant) -> bool {
    matches!(c, Constant::Str(s) if s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        let s = decode_str_literal(r"a\tb\x41\u00e9\101\q\
c").ok().unwrap();
        assert_eq!(s.as_str(), Some("a\tbA\u{e9}A\\qc"));
        let s = decode_str_literal(r"\ud800").ok().unwrap();
        assert_eq!(s.code_points().collect::<Vec<_>>(), vec![0xD800]);
        assert!(decode_str_literal(r"\x4").is_err());
        assert_eq!(decode_bytes_literal(r"\x41\n\777", false).ok().unwrap(), b"A\n\xff".to_vec());
    }
}
