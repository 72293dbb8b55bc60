//! The tokenizer: CPython 3.13's C tokenizer (`Parser/lexer/`, `Parser/tokenizer/`)
//! rewritten in Rust.
//!
//! One tokenizer serves two clients:
//! - the parser, which wants the grammar's tokens only (no COMMENT or NL, operators
//!   with their exact kinds, TYPE_COMMENT when type comments are on);
//! - `taipan explain tokens`, the equivalent of `python3.13 -m tokenize`, which wants
//!   `extra_tokens`: COMMENT, NL, and the ENCODING token first.
//!
//! Positions are (1-based line, 0-based column in UTF-8 **bytes**), as the C tokenizer
//! keeps them; `tokenize`'s character columns are computed as CPython computes them
//! (`columns.rs`, [`Tokenizer::tokenize_cols`]) and printed by `listing.rs`.
//!
//! The implementation follows the C tokenizer's structure closely, because many of its
//! observable quirks (error offsets, which token a malformed input turns into, the text of
//! INDENT tokens after a line continuation, …) fall out of *how* it reads its input: one
//! physical line at a time into a buffer that is only reset between tokens. [`Tokenizer`]
//! therefore keeps the same cursors (`buf`, `cur`, `inp`, `line_start`, …) as byte indices
//! into the source, and a source whose last line lacks `\n` is read as if it had one (the
//! "implicit newline" of CPython).
//!
//! Files, by construct: `lexer.rs` (reading lines and the main state machine:
//! `tok_get_normal_mode`), `indent.rs` (INDENT/DEDENT and TabError rules), `number.rs`,
//! `string.rs` (plain string literals), `fstring.rs` (PEP 701 f-string mode), `errors.rs`
//! (the SyntaxErrors, as `tokenize` and as the parser report them), `decode.rs` (BOM,
//! PEP 263 coding cookies; codec tables in the generated `codecs.rs`), `columns.rs`
//! (`tokenize`'s character columns and `line`), `listing.rs` (the text `python -m
//! tokenize` prints).
//!
//! Besides tokens, the parser can ask for: [`Tokenizer::metadata`] (the expression text
//! of a self-documenting f-string field, `f"{x = }"`), [`Tokenizer::take_warnings`]
//! (SyntaxWarnings), [`Tokenizer::source_line`], [`Tokenizer::innermost_open_paren`];
//! and build the tokenizer for `compile(…, 'eval'|'single')` with
//! [`Tokenizer::without_implicit_newline`].

#[path = "codecs.rs"]
mod codecs_table;
mod columns;
mod decode;
mod errors;
mod fstring;
mod indent;
mod kind;
mod lexer;
pub mod listing;
mod number;
mod string;
#[cfg(test)]
mod tests;

use std::borrow::Cow;

pub use decode::{
    charmap_high_half, decode_file_source, decode_source, decode_source_for_tokenize, decode_source_lenient, translate_newlines,
    utf8_error_message, DecodedSource, Undecodable,
};
pub(crate) use decode::{original_bytes, original_len, undecodable_in};
pub use kind::TokenKind;

use crate::error::SyntaxError;

/// A position in the source: 1-based line, 0-based byte column within that line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

/// One token. `text` borrows from the (decoded) source, except for the tokens whose
/// string `tokenize` reports differently from the source slice (DEDENT, ENDMARKER, …:
/// empty; see `Tokenizer` docs for each).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'src> {
    /// The exact kind: `LPAR`, `PLUSEQUAL`, … for operators, never `OP` (except for the
    /// odd character CPython itself reports as a bare `OP`, such as `$` or `?`).
    pub kind: TokenKind,
    pub start: Pos,
    pub end: Pos,
    pub text: std::borrow::Cow<'src, str>,
}

/// What the client wants from the tokenizer.
#[derive(Clone, Copy, Debug, Default)]
pub struct TokenizerConfig {
    /// Emit COMMENT and NL tokens as `tokenize` does (`extra_tokens=True` in CPython).
    pub extra_tokens: bool,
    /// Emit TYPE_COMMENT (and TYPE_IGNORE) tokens for `# type:` comments.
    pub type_comments: bool,
    /// Interactive input as the REPL reads it from a terminal (CPython's `tok->prompt`):
    /// an empty line ends a compound statement (it gives a NEWLINE), and a first line of
    /// only a comment is not skipped. Not for `compile(…, 'single')`, whose tokenizer is
    /// the ordinary one (use [`Tokenizer::without_implicit_newline`] there).
    pub interactive: bool,
}

/// A column that CPython reports as -1 (no position), e.g. an INDENT whose text starts on
/// an earlier physical line.
pub const NO_COL: u32 = u32::MAX;

/// `MAXINDENT` of the C tokenizer: deepest indentation stack.
pub(crate) const MAXINDENT: usize = 100;
/// `MAXLEVEL`: deepest nesting of brackets.
pub(crate) const MAXLEVEL: usize = 200;
/// `MAXFSTRINGLEVEL`: deepest nesting of f-strings (mode stack size).
pub(crate) const MAXFSTRINGLEVEL: usize = 150;
/// `MAX_EXPR_NESTING`: deepest nesting of replacement fields in one f-string.
pub(crate) const MAX_EXPR_NESTING: i32 = 3;
const TABSIZE: i32 = 8;

/// `tok->done`: why the tokenizer stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Done {
    Ok,
    Eof,
    /// A SyntaxError is pending in `Tokenizer::error`.
    Error,
    Dedent,
    TabSpace,
    TooDeep,
    LineCont,
}

/// One entry of the mode stack (`tokenizer_mode`): the regular mode at the bottom, one
/// entry per f-string being read above it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mode {
    pub(crate) fstring: bool,
    pub(crate) quote: u8,
    pub(crate) quote_size: u8,
    pub(crate) raw: bool,
    pub(crate) start: usize,
    pub(crate) multi_line_start: usize,
    pub(crate) line_start_lineno: u32,
    pub(crate) curly_bracket_depth: i32,
    pub(crate) curly_bracket_expr_start_depth: i32,
    pub(crate) in_format_spec: bool,
    pub(crate) debug: bool,
    /// `last_expr_buffer`: where the text of the current replacement field starts
    /// (after its `{`), and where it ends (its `!`, `:` or `}`), for `f"{x = }"`.
    pub(crate) last_expr_start: Option<usize>,
    pub(crate) last_expr_end: Option<usize>,
}

impl Mode {
    const REGULAR: Mode = Mode {
        fstring: false,
        quote: 0,
        quote_size: 0,
        raw: false,
        start: 0,
        multi_line_start: 0,
        line_start_lineno: 0,
        curly_bracket_depth: 0,
        curly_bracket_expr_start_depth: -1,
        in_format_spec: false,
        debug: false,
        last_expr_start: None,
        last_expr_end: None,
    };
    #[inline]
    pub(crate) fn inside_expr(&self) -> bool {
        self.curly_bracket_expr_start_depth >= 0
    }
}

/// What the state machine hands back for one token: CPython's `(type, p_start, p_end)`,
/// plus explicit columns for type comments.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RawToken {
    pub(crate) kind: TokenKind,
    pub(crate) start: Option<usize>,
    pub(crate) end: Option<usize>,
    pub(crate) cols: Option<(u32, u32)>,
}

/// CPython's tokenizer over one decoded source text.
///
/// Token texts and positions:
/// - with `extra_tokens` they are exactly what `tokenize` reports (in bytes): NEWLINE's
///   text is `"\n"`/`"\r\n"` (or `""` for the implicit newline of a last line without
///   one) and its end column is one past the newline's start; NL's text is `""` for the
///   implicit newline; DEDENTs at end of file and ENDMARKER sit at (last line + 1, 0);
///   INDENT's text is the indentation.
/// - without it (parser mode) they are what the C tokenizer gives the parser: NEWLINE's
///   text is `""`; INDENT, DEDENT and ENDMARKER have empty text and both positions at the
///   tokenizer's cursor (CPython leaves their columns unset, -1); the end column of every
///   token is the cursor's column (so an `FSTRING_MIDDLE` ending in `{{` ends after both).
///
/// Parser mode expects its input with newlines translated (`translate_newlines`), as
/// CPython's string tokenizer does before reading; `tokenize` mode keeps `\r\n`.
pub struct Tokenizer<'src> {
    pub(crate) src: &'src str,
    pub(crate) bytes: &'src [u8],
    pub(crate) config: TokenizerConfig,
    // The reading cursors of `struct tok_state`, as byte indices into `src`. Index
    // `src.len()` reads as `\n` when the last line has no newline (`implicit_newline`).
    pub(crate) buf: usize,
    pub(crate) cur: usize,
    pub(crate) inp: usize,
    pub(crate) line_start: usize,
    pub(crate) start: Option<usize>,
    pub(crate) multi_line_start: usize,
    pub(crate) first_lineno: u32,
    pub(crate) lineno: u32,
    pub(crate) implicit_newline: bool,
    /// The line just read contains a NUL byte.
    pub(crate) line_has_nul: bool,
    pub(crate) done: Done,
    pub(crate) error: Option<SyntaxError>,
    // Indentation.
    pub(crate) atbol: bool,
    pub(crate) pendin: i32,
    pub(crate) indent: usize,
    pub(crate) indstack: [i32; MAXINDENT],
    pub(crate) altindstack: [i32; MAXINDENT],
    // Brackets.
    pub(crate) level: usize,
    pub(crate) parenstack: [u8; MAXLEVEL],
    pub(crate) parenlinenostack: [u32; MAXLEVEL],
    pub(crate) parencolstack: [u32; MAXLEVEL],
    pub(crate) comment_newline: bool,
    pub(crate) cont_line: bool,
    // f-strings.
    pub(crate) modes: Vec<Mode>,
    /// ENDMARKER was returned: keep returning it.
    pub(crate) finished: Option<Token<'src>>,
    /// SyntaxWarnings raised while reading, not yet taken by the client.
    pub(crate) warnings: Vec<TokenizerWarning>,
    /// The metadata of the token just returned (see [`Tokenizer::metadata`]).
    pub(crate) metadata: Option<String>,
    /// Read a last line without `\n` as if it had one (see `without_implicit_newline`).
    pub(crate) add_newline: bool,
    /// Behave as CPython's file tokenizer (see `file_input`).
    pub(crate) file_input: bool,
    /// The undecodable byte sequences of the source (see [`DecodedSource`]), sorted.
    pub(crate) undecodable: &'src [Undecodable],
    /// See [`Tokenizer::error_overrides`].
    error_overrides: bool,
    /// `tokenize`'s column bookkeeping (tokenize mode only).
    pub(crate) columns: columns::ColumnCache,
}

/// A SyntaxWarning the tokenizer raises (CPython calls `PyErr_WarnExplicitObject` with
/// the tokenizer's current line): an invalid escape `\{` or `\}` in a non-raw f-string, and
/// in parser mode a number literal directly followed by a keyword (`1if x else y`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenizerWarning {
    pub lineno: u32,
    pub msg: String,
}

impl<'src> Tokenizer<'src> {
    pub fn new(source: &'src str, config: TokenizerConfig) -> Self {
        let mut modes = Vec::with_capacity(4);
        modes.push(Mode::REGULAR);
        Tokenizer {
            src: source,
            bytes: source.as_bytes(),
            config,
            buf: 0,
            cur: 0,
            inp: 0,
            line_start: 0,
            start: None,
            multi_line_start: 0,
            first_lineno: 0,
            lineno: 0,
            implicit_newline: false,
            line_has_nul: false,
            done: Done::Ok,
            error: None,
            atbol: true,
            pendin: 0,
            indent: 0,
            indstack: [0; MAXINDENT],
            altindstack: [0; MAXINDENT],
            level: 0,
            parenstack: [0; MAXLEVEL],
            parenlinenostack: [0; MAXLEVEL],
            parencolstack: [0; MAXLEVEL],
            comment_newline: false,
            cont_line: false,
            modes,
            finished: None,
            warnings: Vec::new(),
            metadata: None,
            add_newline: true,
            file_input: false,
            undecodable: &[],
            error_overrides: false,
            columns: columns::ColumnCache::default(),
        }
    }

    /// Do not read a missing final newline: what CPython's string tokenizer does for
    /// `compile(…, 'eval')` and `compile(…, 'single')` (only 'exec' input gets one, and
    /// files and `tokenize` always do). The last line then ends at end of input: no
    /// NEWLINE or DEDENT tokens before ENDMARKER (pegen adds the NEWLINE that 'single'
    /// input needs itself).
    pub fn without_implicit_newline(mut self) -> Self {
        self.add_newline = false;
        self
    }

    /// The source was decoded by [`decode_source_lenient`]: these U+FFFD stand for bytes
    /// that are not UTF-8 (CPython's tokenizer sees the bytes themselves).
    pub fn with_undecodable(mut self, undecodable: &'src [Undecodable]) -> Self {
        self.undecodable = undecodable;
        self
    }

    /// Read as CPython's file tokenizer does when running a script (`python3.13 FILE`),
    /// rather than as `compile()` of a string: the two differ in a few error positions,
    /// e.g. end of input right after a line continuation reports column 0 from a file.
    pub fn file_input(mut self) -> Self {
        self.file_input = true;
        self
    }

    /// The next token, or the SyntaxError (IndentationError, TabError) CPython raises.
    /// After ENDMARKER it keeps returning ENDMARKER; after an error, the same error.
    pub fn next_token(&mut self) -> Result<Token<'src>, SyntaxError> {
        if let Some(t) = &self.finished {
            return Ok(t.clone());
        }
        if let Some(e) = &self.error {
            if self.done == Done::Error {
                return Err(e.clone());
            }
        }
        self.metadata = None;
        let raw = self.tok_get();
        if raw.kind == TokenKind::ERRORTOKEN {
            // An error the tokenizer raised itself (rather than one left in `tok->done`
            // for its client to word), outside f-string mode, replaces the parser's
            // error when met while reading ahead after it.
            self.error_overrides = self.error.is_some() && self.modes.len() <= 1;
            let e = self.error_for_done();
            self.error = Some(e.clone());
            self.done = Done::Error;
            return Err(e);
        }
        let tok = self.finish_token(raw);
        if tok.kind == TokenKind::ENDMARKER {
            self.finished = Some(tok.clone());
        }
        Ok(tok)
    }

    /// Whether the error last returned by [`Tokenizer::next_token`] was raised by the
    /// tokenizer itself (`PyErr_Occurred()` after the ERRORTOKEN; not an end of file, bad
    /// dedent, TabError, too deep, or line continuation error, which pegen words) outside
    /// f-string mode: such an error, met by
    /// `_PyPegen_tokenize_full_source_to_check_for_errors`, replaces the parser's error.
    pub fn error_overrides(&self) -> bool {
        self.error_overrides
    }

    /// Whether the cursor is at the start of an empty buffer (`tok->cur == tok->buf`), as
    /// the file tokenizer leaves it at end of input: pegen then gives errors at tokens
    /// without columns offset 0.
    pub fn buffer_is_empty(&self) -> bool {
        self.cur == self.buf
    }

    /// The text of physical line `line` (1-based), without its line ending, if it exists.
    /// Lines are split at `\n` only, as CPython reads them.
    pub fn source_line(&self, line: u32) -> Option<&'src str> {
        source_line(self.src, line)
    }

    /// The metadata CPython attaches to the token just returned by `next_token`: for the
    /// `!`, `:` or `}` ending the expression of a self-documenting replacement field
    /// (`f"{x = }"`, `f"{x=!r:>10}"`), the expression's source text from after the `{`,
    /// with comments removed — the text the parser puts before the value.
    pub fn metadata(&self) -> Option<&str> {
        self.metadata.as_deref()
    }

    /// In tokenize mode (`extra_tokens`), the start and end columns in characters that
    /// `tokenize` reports for the token just returned. They are the byte columns of the
    /// token converted, except in the odd cases where CPython's conversion cache gives
    /// something else (see `columns.rs`), which this reproduces.
    pub fn tokenize_cols(&self) -> (i64, i64) {
        self.columns.cols
    }

    /// In tokenize mode, the `line` attribute `tokenize` gives the token just returned:
    /// the physical line(s) it was read from (from the first line of a string), "" for
    /// the DEDENTs and ENDMARKER at end of file; the same object as the previous token's
    /// when the line number has not changed, as CPython caches it.
    pub fn tokenize_line(&self) -> &'src str {
        self.cached_line()
    }

    /// The SyntaxWarnings raised since the last call, in order.
    pub fn take_warnings(&mut self) -> Vec<TokenizerWarning> {
        std::mem::take(&mut self.warnings)
    }

    /// Whether warnings are waiting in [`Tokenizer::take_warnings`].
    pub fn has_warnings(&self) -> bool {
        !self.warnings.is_empty()
    }

    /// The current bracket nesting level (`tok->level`).
    pub fn paren_level(&self) -> usize {
        self.level
    }

    /// The innermost unclosed bracket: (character, line, byte column), for the parser's
    /// "'(' was never closed".
    pub fn innermost_open_paren(&self) -> Option<(char, u32, u32)> {
        if self.level == 0 {
            return None;
        }
        let i = self.level - 1;
        Some((self.parenstack[i] as char, self.parenlinenostack[i], self.parencolstack[i]))
    }

    /// The current line number of the reading cursor (`tok->lineno`).
    pub fn lineno(&self) -> u32 {
        self.lineno
    }

    /// Whether the last line of the source lacks its newline (CPython then fakes one).
    pub fn implicit_newline(&self) -> bool {
        self.implicit_newline
    }

    #[inline]
    pub(crate) fn inside_fstring(&self) -> bool {
        self.modes.len() > 1
    }

    #[inline]
    pub(crate) fn slice(&self, a: usize, b: usize) -> &'src str {
        let b = b.min(self.src.len());
        if a >= b {
            return "";
        }
        self.src.get(a..b).unwrap_or("")
    }

    /// Turn the state machine's `(type, p_start, p_end)` into a [`Token`], with the
    /// positions the client expects (see the type's docs).
    fn finish_token(&mut self, raw: RawToken) -> Token<'src> {
        let kind = raw.kind;
        let is_strlit = matches!(kind, TokenKind::STRING | TokenKind::FSTRING_MIDDLE);
        let (lineno, base) = if is_strlit {
            (self.first_lineno, self.multi_line_start)
        } else {
            (self.lineno, self.line_start)
        };
        let end_lineno = self.lineno;
        let text = match (raw.start, raw.end) {
            (Some(a), Some(b)) => Cow::Borrowed(self.slice(a, b)),
            _ => Cow::Borrowed(""),
        };
        if !self.config.extra_tokens {
            if let Some((c0, c1)) = raw.cols {
                return Token {
                    kind,
                    start: Pos { line: lineno, col: c0 },
                    end: Pos { line: end_lineno, col: c1 },
                    text,
                };
            }
            let end_col = (self.cur - self.line_start) as u32;
            let start_col = match raw.start {
                Some(a) if a >= base => (a - base) as u32,
                _ => end_col,
            };
            return Token {
                kind,
                start: Pos { line: lineno, col: start_col },
                end: Pos { line: end_lineno, col: end_col },
                text,
            };
        }
        // tokenize mode: `tokenizeriter_next` of Python/Python-tokenize.c.
        let trailing = kind == TokenKind::ENDMARKER
            || (kind == TokenKind::DEDENT && self.done == Done::Eof);
        self.tokenize_columns(&raw, trailing);
        if trailing {
            self.columns.cols = (0, 0);
            let p = Pos { line: self.lineno + 1, col: 0 };
            return Token { kind, start: p, end: p, text: Cow::Borrowed("") };
        }
        let start_col = match raw.start {
            Some(a) if a >= base => (a - base) as u32,
            _ => NO_COL,
        };
        let mut end_col = match raw.end {
            Some(b) if b >= self.line_start => (b - self.line_start) as u32,
            _ => NO_COL,
        };
        let mut text = text;
        if kind == TokenKind::NEWLINE {
            text = if self.implicit_newline {
                text // the source slice: "" or "\r"
            } else if raw.start.map(|a| self.bytes.get(a) == Some(&b'\r')).unwrap_or(false) {
                Cow::Borrowed("\r\n")
            } else {
                Cow::Borrowed("\n")
            };
            end_col = end_col.wrapping_add(1);
            self.columns.cols.1 += 1;
        } else if kind == TokenKind::NL && self.implicit_newline {
            text = Cow::Borrowed("");
        }
        Token {
            kind,
            start: Pos { line: lineno, col: start_col },
            end: Pos { line: end_lineno, col: end_col },
            text,
        }
    }
}

/// The text of physical line `line` (1-based) of `src`, without its `\n`.
pub fn source_line(src: &str, line: u32) -> Option<&str> {
    if line == 0 {
        return None;
    }
    let bytes = src.as_bytes();
    let mut start = 0usize;
    for _ in 1..line {
        match bytes[start..].iter().position(|&b| b == b'\n') {
            Some(k) => start += k + 1,
            None => return None,
        }
    }
    if start > bytes.len() || (start == bytes.len() && line > 1) {
        return None;
    }
    let end = bytes[start..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |k| start + k);
    Some(&src[start..end])
}
