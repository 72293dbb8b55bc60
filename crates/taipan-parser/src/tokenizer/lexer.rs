//! The main state machine: reading characters line by line (`tok_nextc`,
//! `tok_underflow_readline`) and the regular mode (`tok_get_normal_mode` of
//! `Parser/lexer/lexer.c`): comments, names, newlines, operators and brackets. Numbers,
//! strings, f-strings and indentation live in their own files.

use super::{Done, RawToken, TokenKind, Tokenizer, MAXLEVEL};

/// `EOF` as `tok_nextc` returns it.
pub(crate) const EOF: i32 = -1;

#[inline]
pub(crate) fn is_potential_identifier_start(c: i32) -> bool {
    (c >= b'a' as i32 && c <= b'z' as i32)
        || (c >= b'A' as i32 && c <= b'Z' as i32)
        || c == b'_' as i32
        || c >= 128
}

#[inline]
pub(crate) fn is_potential_identifier_char(c: i32) -> bool {
    is_potential_identifier_start(c) || (c >= b'0' as i32 && c <= b'9' as i32)
}

#[inline]
pub(crate) fn is_digit(c: i32) -> bool {
    c >= b'0' as i32 && c <= b'9' as i32
}

impl<'src> Tokenizer<'src> {
    #[inline(always)]
    fn byte_at(&self, i: usize) -> u8 {
        match self.bytes.get(i) {
            Some(&b) => b,
            None => b'\n',
        }
    }

    /// `tok_nextc`: the next byte (0..=255) or `EOF`, reading a new line when needed.
    #[inline(always)]
    pub(crate) fn nextc(&mut self) -> i32 {
        if self.cur != self.inp {
            let c = self.byte_at(self.cur);
            self.cur += 1;
            return c as i32;
        }
        self.nextc_slow()
    }

    /// `tok_nextc` when the loaded line is used up: read the next one.
    #[cold]
    #[inline(never)]
    fn nextc_slow(&mut self) -> i32 {
        loop {
            if self.cur != self.inp {
                let c = self.byte_at(self.cur);
                self.cur += 1;
                return c as i32;
            }
            if self.done != Done::Ok {
                return EOF;
            }
            if !self.underflow() {
                self.cur = self.inp;
                return EOF;
            }
            self.line_start = self.cur;
            if self.line_has_nul {
                self.syntax_error("source code cannot contain null bytes".into());
                self.cur = self.inp;
                return EOF;
            }
        }
    }

    /// `tok_backup`: step back over `c` (nothing for `EOF`).
    #[inline]
    pub(crate) fn backup(&mut self, c: i32) {
        if c != EOF {
            self.cur -= 1;
        }
    }

    /// `tok_underflow_readline`: load the next physical line into the buffer.
    fn underflow(&mut self) -> bool {
        let len = self.bytes.len();
        // `tokenize` (the readline tokenizer) and the file tokenizer empty their buffer
        // before finding there is nothing more to read; the string tokenizer `compile()`
        // uses keeps the last line.
        let string_input = !self.config.extra_tokens && !self.file_input;
        if !string_input && self.start.is_none() && !self.inside_fstring() {
            self.buf = self.inp;
            self.cur = self.inp;
        }
        if self.inp >= len {
            self.done = Done::Eof;
            return false;
        }
        if string_input && self.start.is_none() && !self.inside_fstring() {
            self.buf = self.inp;
            self.cur = self.inp;
        }
        let (nl, nul) = find_newline(&self.bytes[self.inp..]);
        self.line_has_nul = nul;
        match nl {
            Some(k) => {
                self.inp += k + 1;
                self.implicit_newline = false;
            }
            None if self.add_newline => {
                self.inp = len + 1;
                self.implicit_newline = true;
            }
            None => {
                self.inp = len;
                self.implicit_newline = false;
            }
        }
        self.line_start = self.cur;
        self.lineno += 1;
        true
    }

    #[inline]
    pub(crate) fn tok(&self, kind: TokenKind, start: usize, end: usize) -> RawToken {
        RawToken { kind, start: Some(start), end: Some(end), cols: None }
    }

    #[inline]
    pub(crate) fn tok_none(&self, kind: TokenKind) -> RawToken {
        RawToken { kind, start: None, end: None, cols: None }
    }

    #[inline]
    pub(crate) fn errortoken(&self) -> RawToken {
        self.tok_none(TokenKind::ERRORTOKEN)
    }

    /// `tok_get`: dispatch on the current mode.
    pub(crate) fn tok_get(&mut self) -> RawToken {
        let idx = self.modes.len() - 1;
        if !self.modes[idx].fstring {
            self.tok_get_normal_mode(idx)
        } else {
            self.tok_get_fstring_mode(idx)
        }
    }

    /// `tok_continuation_line`: after a backslash, expect a newline and a following line.
    /// Returns `None` on error (`done` set).
    pub(crate) fn continuation_line(&mut self) -> Option<i32> {
        let mut c = self.nextc();
        if c == b'\r' as i32 {
            c = self.nextc();
        }
        if c != b'\n' as i32 {
            self.done = Done::LineCont;
            return None;
        }
        c = self.nextc();
        if c == EOF {
            self.done = Done::Eof;
            self.cur = self.inp;
            return None;
        }
        self.backup(c);
        Some(c)
    }

    /// `tok_get_normal_mode`. `mode` is the index of the mode the token is read for
    /// (the regular mode, or an f-string whose replacement field is being read).
    pub(crate) fn tok_get_normal_mode(&mut self, mode: usize) -> RawToken {
        let mut blankline;
        'nextline: loop {
            self.start = None;
            blankline = false;

            if self.atbol {
                match self.read_indentation() {
                    Ok(b) => blankline = b,
                    Err(t) => return t,
                }
            }

            self.start = Some(self.cur);

            // Return pending indents/dedents.
            if self.pendin != 0 {
                if self.pendin < 0 {
                    self.pendin += 1;
                    if self.config.extra_tokens {
                        return self.tok(TokenKind::DEDENT, self.cur, self.cur);
                    }
                    return self.tok_none(TokenKind::DEDENT);
                } else {
                    self.pendin -= 1;
                    if self.config.extra_tokens {
                        return self.tok(TokenKind::INDENT, self.buf, self.cur);
                    }
                    return self.tok_none(TokenKind::INDENT);
                }
            }

            // Peek ahead at the next character.
            let c = self.nextc();
            self.backup(c);

            'again: loop {
                self.start = None;
                let mut c;
                loop {
                    c = self.nextc();
                    if !(c == b' ' as i32 || c == b'\t' as i32 || c == 0x0c) {
                        break;
                    }
                }
                let tstart = if c == EOF { self.cur } else { self.cur - 1 };
                self.start = Some(tstart);

                // Comments, unless a type comment.
                if c == b'#' as i32 {
                    while c != EOF && c != b'\n' as i32 && c != b'\r' as i32 {
                        let end = self.inp.min(self.bytes.len());
                        let rest = &self.bytes[self.cur.min(end)..end];
                        self.cur += rest.iter().position(|&b| b == b'\n' || b == b'\r').unwrap_or(rest.len());
                        c = self.nextc();
                    }
                    if self.config.type_comments {
                        if let Some(t) = self.type_comment(tstart, c, blankline) {
                            return t;
                        }
                    }
                    if self.config.extra_tokens {
                        self.backup(c);
                        self.comment_newline = blankline;
                        return self.tok(TokenKind::COMMENT, tstart, self.cur);
                    }
                }

                if c == EOF {
                    if self.level > 0 {
                        return self.errortoken();
                    }
                    return if self.done == Done::Eof {
                        self.tok_none(TokenKind::ENDMARKER)
                    } else {
                        self.errortoken()
                    };
                }

                // Identifier, or a string prefix.
                if is_potential_identifier_start(c) {
                    let (mut saw_b, mut saw_r, mut saw_u, mut saw_f) = (false, false, false, false);
                    loop {
                        if !(saw_b || saw_u || saw_f) && (c == b'b' as i32 || c == b'B' as i32) {
                            saw_b = true;
                        } else if !(saw_b || saw_u || saw_r || saw_f)
                            && (c == b'u' as i32 || c == b'U' as i32)
                        {
                            saw_u = true;
                        } else if !(saw_r || saw_u) && (c == b'r' as i32 || c == b'R' as i32) {
                            saw_r = true;
                        } else if !(saw_f || saw_b || saw_u) && (c == b'f' as i32 || c == b'F' as i32)
                        {
                            saw_f = true;
                        } else {
                            break;
                        }
                        c = self.nextc();
                        if c == b'"' as i32 || c == b'\'' as i32 {
                            if saw_f {
                                return self.fstring_start(tstart, c);
                            }
                            return self.string_literal(tstart, c);
                        }
                    }
                    let mut nonascii = false;
                    while is_potential_identifier_char(c) {
                        if c >= 128 {
                            nonascii = true;
                        }
                        // Fast path: the rest of the name within the loaded line.
                        let end = self.inp.min(self.bytes.len());
                        let mut i = self.cur;
                        while i < end {
                            let b = self.bytes[i];
                            if !is_potential_identifier_char(b as i32) {
                                break;
                            }
                            nonascii |= b >= 128;
                            i += 1;
                        }
                        self.cur = i;
                        c = self.nextc();
                    }
                    self.backup(c);
                    if nonascii && !self.verify_identifier(tstart) {
                        return self.errortoken();
                    }
                    return self.tok(TokenKind::NAME, tstart, self.cur);
                }

                if c == b'\r' as i32 {
                    c = self.nextc();
                }

                // Newline.
                if c == b'\n' as i32 {
                    self.atbol = true;
                    if blankline || self.level > 0 {
                        if self.config.extra_tokens {
                            self.comment_newline = false;
                            return self.tok(TokenKind::NL, tstart, self.cur);
                        }
                        continue 'nextline;
                    }
                    if self.comment_newline && self.config.extra_tokens {
                        self.comment_newline = false;
                        return self.tok(TokenKind::NL, tstart, self.cur);
                    }
                    self.cont_line = false;
                    return self.tok(TokenKind::NEWLINE, tstart, self.cur - 1);
                }

                // Period or number starting with period?
                if c == b'.' as i32 {
                    c = self.nextc();
                    if is_digit(c) {
                        return self.number_fraction(tstart, c);
                    } else if c == b'.' as i32 {
                        c = self.nextc();
                        if c == b'.' as i32 {
                            return self.tok(TokenKind::ELLIPSIS, tstart, self.cur);
                        } else {
                            self.backup(c);
                        }
                        self.backup(b'.' as i32);
                    } else {
                        self.backup(c);
                    }
                    return self.tok(TokenKind::DOT, tstart, self.cur);
                }

                if is_digit(c) {
                    return self.number(tstart, c);
                }

                if c == b'"' as i32 || c == b'\'' as i32 {
                    return self.string_literal(tstart, c);
                }

                // Line continuation.
                if c == b'\\' as i32 {
                    if self.continuation_line().is_none() {
                        return self.errortoken();
                    }
                    self.cont_line = true;
                    continue 'again;
                }

                return self.operator(tstart, c, mode);
            }
        }
    }

    /// Punctuation: f-string replacement-field bookkeeping, two- and three-character
    /// operators, bracket matching.
    fn operator(&mut self, tstart: usize, c: i32, mode: usize) -> RawToken {
        let is_punct = c == b':' as i32 || c == b'}' as i32 || c == b'!' as i32 || c == b'{' as i32;
        if is_punct && self.inside_fstring() && self.modes[mode].inside_expr() {
            let m = &self.modes[mode];
            let cursor = m.curly_bracket_depth - (c != b'{' as i32) as i32;
            let cursor_valid = cursor == 0 || (cursor == 1 && (m.debug || m.in_format_spec));
            if cursor_valid {
                self.update_fstring_expr(mode, c, tstart);
            }
            let m = &self.modes[mode];
            if c == b':' as i32 && cursor == m.curly_bracket_expr_start_depth {
                let m = &mut self.modes[mode];
                m.fstring = true;
                m.in_format_spec = true;
                return self.tok(TokenKind::COLON, tstart, self.cur);
            }
        }

        // Two- and three-character operators.
        let c2 = self.nextc();
        if let Some(k2) = two_chars(c, c2) {
            let c3 = self.nextc();
            let kind = match three_chars(c, c2, c3) {
                Some(k3) => k3,
                None => {
                    self.backup(c3);
                    k2
                }
            };
            return self.tok(kind, tstart, self.cur);
        }
        self.backup(c2);

        // Keep track of bracket nesting.
        match c as u8 {
            b'(' | b'[' | b'{' if c < 128 => {
                if self.level >= MAXLEVEL {
                    return self.syntax_error("too many nested parentheses".into());
                }
                self.parenstack[self.level] = c as u8;
                self.parenlinenostack[self.level] = self.lineno;
                self.parencolstack[self.level] = (tstart - self.line_start) as u32;
                self.level += 1;
                if self.inside_fstring() {
                    self.modes[mode].curly_bracket_depth += 1;
                }
            }
            b')' | b']' | b'}' if c < 128 => {
                if self.inside_fstring() && self.modes[mode].curly_bracket_depth == 0 && c == b'}' as i32 {
                    return self.syntax_error("f-string: single '}' is not allowed".into());
                }
                if !self.config.extra_tokens && self.level == 0 {
                    return self.syntax_error(format!("unmatched '{}'", c as u8 as char));
                }
                if self.level > 0 {
                    self.level -= 1;
                    let opening = self.parenstack[self.level];
                    let matches = (opening == b'(' && c == b')' as i32)
                        || (opening == b'[' && c == b']' as i32)
                        || (opening == b'{' && c == b'}' as i32);
                    if !self.config.extra_tokens && !matches {
                        if self.inside_fstring() && opening == b'{' {
                            let m = &self.modes[mode];
                            let previous_bracket = m.curly_bracket_depth - 1;
                            if previous_bracket == m.curly_bracket_expr_start_depth {
                                return self.syntax_error(format!(
                                    "f-string: unmatched '{}'",
                                    c as u8 as char
                                ));
                            }
                        }
                        let line = self.parenlinenostack[self.level];
                        if line != self.lineno {
                            return self.syntax_error(format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}' on line {}",
                                c as u8 as char, opening as char, line
                            ));
                        } else {
                            return self.syntax_error(format!(
                                "closing parenthesis '{}' does not match opening parenthesis '{}'",
                                c as u8 as char, opening as char
                            ));
                        }
                    }
                }
                if self.inside_fstring() {
                    let m = &mut self.modes[mode];
                    m.curly_bracket_depth -= 1;
                    if m.curly_bracket_depth < 0 {
                        return self.syntax_error(format!("f-string: unmatched '{}'", c as u8 as char));
                    }
                    let m = &mut self.modes[mode];
                    if c == b'}' as i32 && m.curly_bracket_depth == m.curly_bracket_expr_start_depth {
                        m.curly_bracket_expr_start_depth -= 1;
                        m.fstring = true;
                        m.in_format_spec = false;
                        m.debug = false;
                    }
                }
            }
            _ => {}
        }

        if !(0x20..0x7f).contains(&c) && c < 128 {
            return self.syntax_error(format!("invalid non-printable character U+{:04X}", c));
        }

        if c == b'=' as i32 && self.modes[mode].inside_expr() {
            self.modes[mode].debug = true;
        }

        self.tok(one_char(c), tstart, self.cur)
    }

    /// `_PyLexer_update_fstring_expr` and `set_fstring_expr`: track the source text of
    /// the replacement field being read, and attach it (without comments) as metadata to
    /// the token ending a self-documenting expression.
    fn update_fstring_expr(&mut self, mode: usize, c: i32, tstart: usize) {
        let m = &mut self.modes[mode];
        if c == b'{' as i32 {
            m.last_expr_start = Some(self.cur);
            m.last_expr_end = None;
            return;
        }
        if m.last_expr_start.is_some() && m.last_expr_end.is_none() {
            m.last_expr_end = Some(tstart);
        }
        if !m.debug || self.metadata.is_some() {
            return;
        }
        let (Some(a), Some(b)) = (m.last_expr_start, m.last_expr_end) else { return };
        let text = self.slice(a, b);
        let mut out = String::with_capacity(text.len());
        let mut in_comment = false;
        for ch in text.chars() {
            if in_comment {
                if ch == '\n' {
                    out.push(ch);
                    in_comment = false;
                }
            } else if ch == '#' {
                in_comment = true;
            } else {
                out.push(ch);
            }
        }
        self.metadata = Some(out);
    }

    /// A `#` comment that may be a type comment (`# type: …`, `# type: ignore…`), when
    /// type comments are on. `None` when it is an ordinary comment.
    fn type_comment(&mut self, tstart: usize, c: i32, blankline: bool) -> Option<RawToken> {
        const PREFIX: &[u8] = b"# type: ";
        let mut p = tstart;
        let mut col = (tstart - self.line_start) as u32;
        let mut k = 0;
        let byte = |i: usize| self.bytes.get(i).copied().unwrap_or(b'\n');
        while k < PREFIX.len() && p < self.cur {
            if PREFIX[k] == b' ' {
                while byte(p) == b' ' || byte(p) == b'\t' {
                    p += 1;
                    col += 1;
                }
            } else if PREFIX[k] == byte(p) {
                p += 1;
                col += 1;
            } else {
                break;
            }
            k += 1;
        }
        if k < PREFIX.len() {
            return None;
        }
        self.backup(c);
        let ignore_end = p + 6;
        let is_ignore = self.cur >= ignore_end
            && self.bytes.get(p..ignore_end) == Some(&b"ignore"[..])
            && !(self.cur > ignore_end && {
                let b = byte(ignore_end);
                b >= 128 || b.is_ascii_alphanumeric()
            });
        if is_ignore {
            let end = self.cur;
            if blankline {
                self.nextc();
                self.atbol = true;
            }
            let end_col = (self.cur - self.line_start) as u32;
            Some(super::RawToken {
                kind: TokenKind::TYPE_IGNORE,
                start: Some(ignore_end),
                end: Some(end),
                cols: Some((col + 6, end_col)),
            })
        } else {
            let end_col = (self.cur - self.line_start) as u32;
            Some(super::RawToken {
                kind: TokenKind::TYPE_COMMENT,
                start: Some(p),
                end: Some(self.cur),
                cols: Some((col, end_col)),
            })
        }
    }

    /// `verify_identifier`: in parser mode, a name with non-ASCII characters must be a
    /// valid identifier (PEP 3131), else "invalid character".
    fn verify_identifier(&mut self, tstart: usize) -> bool {
        if self.config.extra_tokens {
            return true;
        }
        if !self.undecodable.is_empty() && !super::decode::undecodable_in(self.undecodable, tstart, self.cur).is_empty() {
            // CPython decodes the name's bytes first: E_DECODE.
            let orig = super::decode::original_bytes(self.bytes, self.undecodable, tstart, self.cur);
            let msg = super::utf8_error_message(&orig).unwrap_or_default();
            self.decode_error(msg);
            return false;
        }
        let s = self.slice(tstart, self.cur);
        let mut invalid = None;
        for (i, (off, ch)) in s.char_indices().enumerate() {
            let cp = ch as u32;
            let ok = if i == 0 {
                crate::unicode::is_id_start(cp)
            } else {
                crate::unicode::is_id_continue(cp)
            };
            if !ok {
                invalid = Some((off, ch));
                break;
            }
        }
        let Some((off, ch)) = invalid else { return true };
        let after = off + ch.len_utf8();
        if after < s.len() {
            self.cur = tstart + after;
        }
        let cp = ch as u32;
        if crate::unicode::is_printable(cp) {
            self.syntax_error(format!("invalid character '{}' (U+{:04X})", ch, cp));
        } else {
            self.syntax_error(format!("invalid non-printable character U+{:04X}", cp));
        }
        false
    }
}

/// The index of the first `\n` in `b`, and whether a NUL byte comes before it: one
/// pass, eight bytes at a time.
#[inline]
fn find_newline(b: &[u8]) -> (Option<usize>, bool) {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(LO) & !v & HI != 0;
    let mut i = 0;
    while i + 8 <= b.len() {
        let v = u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"));
        if has_zero(v ^ (LO * b'\n' as u64)) || has_zero(v) {
            break;
        }
        i += 8;
    }
    let mut nul = false;
    while i < b.len() {
        match b[i] {
            b'\n' => return (Some(i), nul),
            0 => nul = true,
            _ => {}
        }
        i += 1;
    }
    (None, nul)
}

/// `_PyToken_OneChar`.
pub(crate) fn one_char(c: i32) -> TokenKind {
    if !(0..128).contains(&c) {
        return TokenKind::OP;
    }
    match c as u8 {
        b'!' => TokenKind::EXCLAMATION,
        b'%' => TokenKind::PERCENT,
        b'&' => TokenKind::AMPER,
        b'(' => TokenKind::LPAR,
        b')' => TokenKind::RPAR,
        b'*' => TokenKind::STAR,
        b'+' => TokenKind::PLUS,
        b',' => TokenKind::COMMA,
        b'-' => TokenKind::MINUS,
        b'.' => TokenKind::DOT,
        b'/' => TokenKind::SLASH,
        b':' => TokenKind::COLON,
        b';' => TokenKind::SEMI,
        b'<' => TokenKind::LESS,
        b'=' => TokenKind::EQUAL,
        b'>' => TokenKind::GREATER,
        b'@' => TokenKind::AT,
        b'[' => TokenKind::LSQB,
        b']' => TokenKind::RSQB,
        b'^' => TokenKind::CIRCUMFLEX,
        b'{' => TokenKind::LBRACE,
        b'|' => TokenKind::VBAR,
        b'}' => TokenKind::RBRACE,
        b'~' => TokenKind::TILDE,
        _ => TokenKind::OP,
    }
}

/// `_PyToken_TwoChars`.
fn two_chars(c1: i32, c2: i32) -> Option<TokenKind> {
    if !(0..128).contains(&c1) || !(0..128).contains(&c2) {
        return None;
    }
    Some(match (c1 as u8, c2 as u8) {
        (b'!', b'=') => TokenKind::NOTEQUAL,
        (b'%', b'=') => TokenKind::PERCENTEQUAL,
        (b'&', b'=') => TokenKind::AMPEREQUAL,
        (b'*', b'*') => TokenKind::DOUBLESTAR,
        (b'*', b'=') => TokenKind::STAREQUAL,
        (b'+', b'=') => TokenKind::PLUSEQUAL,
        (b'-', b'=') => TokenKind::MINEQUAL,
        (b'-', b'>') => TokenKind::RARROW,
        (b'/', b'/') => TokenKind::DOUBLESLASH,
        (b'/', b'=') => TokenKind::SLASHEQUAL,
        (b':', b'=') => TokenKind::COLONEQUAL,
        (b'<', b'<') => TokenKind::LEFTSHIFT,
        (b'<', b'=') => TokenKind::LESSEQUAL,
        (b'<', b'>') => TokenKind::NOTEQUAL,
        (b'=', b'=') => TokenKind::EQEQUAL,
        (b'>', b'=') => TokenKind::GREATEREQUAL,
        (b'>', b'>') => TokenKind::RIGHTSHIFT,
        (b'@', b'=') => TokenKind::ATEQUAL,
        (b'^', b'=') => TokenKind::CIRCUMFLEXEQUAL,
        (b'|', b'=') => TokenKind::VBAREQUAL,
        _ => return None,
    })
}

/// `_PyToken_ThreeChars`.
fn three_chars(c1: i32, c2: i32, c3: i32) -> Option<TokenKind> {
    if !(0..128).contains(&c1) || !(0..128).contains(&c2) || !(0..128).contains(&c3) {
        return None;
    }
    Some(match (c1 as u8, c2 as u8, c3 as u8) {
        (b'*', b'*', b'=') => TokenKind::DOUBLESTAREQUAL,
        (b'.', b'.', b'.') => TokenKind::ELLIPSIS,
        (b'/', b'/', b'=') => TokenKind::DOUBLESLASHEQUAL,
        (b'<', b'<', b'=') => TokenKind::LEFTSHIFTEQUAL,
        (b'>', b'>', b'=') => TokenKind::RIGHTSHIFTEQUAL,
        _ => return None,
    })
}
