//! The parser: recursive descent with precedence climbing over CPython 3.13's
//! `Grammar/python.gram`, producing [`crate::ast`] nodes, and the grammar's
//! `invalid_*` rules for CPython's SyntaxError messages.
//!
//! Tokens are pulled lazily from the tokenizer into a buffer; the parser keeps a mark
//! (index into the buffer) and backtracks by resetting it, as CPython's PEG parser
//! does. Since tokens are only fetched when a rule looks at them, the last fetched
//! token is CPython's "furthest token reached", where a generic `invalid syntax`
//! error is reported.
//!
//! The grammar's rules are spread over files by construct: [`expr`] (operators,
//! precedence), [`atom`] (atoms, displays, comprehensions, calls), [`strings`]
//! (literal decoding, f-strings), [`number`], [`stmt`] (simple statements and
//! assignment), [`compound`] (blocks, `def`, `class`, `if`, …), [`params`], [`pattern`]
//! (`match`), [`target`] (assignment targets) and [`invalid`] (error rules).

mod atom;
mod compound;
mod expr;
pub mod invalid;
mod number;
mod params;
mod pattern;
mod stmt;
mod strings;
mod target;

use std::borrow::Cow;

use crate::ast::{self, TextRange};
use crate::error::{SyntaxError, SyntaxErrorKind};
use crate::tokenizer::{Pos, Token, TokenKind, TokenizerWarning, Undecodable};

pub use number::parse_number;
pub use strings::{decode_bytes_literal, decode_str_literal};

/// The `mode` argument of `compile()` / `ast.parse()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Exec,
    Eval,
    Single,
    FuncType,
}

impl Mode {
    pub fn from_name(name: &str) -> Option<Mode> {
        Some(match name {
            "exec" => Mode::Exec,
            "eval" => Mode::Eval,
            "single" => Mode::Single,
            "func_type" => Mode::FuncType,
            _ => return None,
        })
    }
}

/// CPython's parser gives up past this many nested rule calls (`MAXSTACK` in
/// `Parser/parser.c`) with `MemoryError: Parser stack overflowed`.
pub(crate) const MAXSTACK: u32 = 6000;

/// The stack the parser runs on: deep (but bounded) nesting must never overflow it.
const PARSER_STACK_BYTES: usize = 256 << 20;

/// Parse decoded source text.
pub fn parse(source: &str, mode: Mode, filename: &str, type_comments: bool) -> Result<ast::Mod, SyntaxError> {
    parse_with_warnings(source, mode, filename, type_comments).0
}

/// Parse source bytes: PEP 263 / BOM decoding first, as `compile()` of bytes does.
pub fn parse_bytes(bytes: &[u8], mode: Mode, filename: &str, type_comments: bool) -> Result<ast::Mod, SyntaxError> {
    parse_bytes_with_warnings(bytes, mode, filename, type_comments).0
}

/// [`parse`], also returning the SyntaxWarnings CPython emits while parsing (invalid
/// escape sequences, `1if`, …), in order; the caller shows them (`warnings.showwarning`).
pub fn parse_with_warnings(
    source: &str,
    mode: Mode,
    filename: &str,
    type_comments: bool,
) -> (Result<ast::Mod, SyntaxError>, Vec<TokenizerWarning>) {
    parse_decoded_with_warnings(source, &[], mode, filename, type_comments)
}

/// [`parse_with_warnings`] over text from [`crate::tokenizer::decode_source_lenient`],
/// whose `undecodable` byte sequences fail where CPython's parser decodes them.
pub fn parse_decoded_with_warnings(
    source: &str,
    undecodable: &[Undecodable],
    mode: Mode,
    filename: &str,
    type_comments: bool,
) -> (Result<ast::Mod, SyntaxError>, Vec<TokenizerWarning>) {
    let _ = filename;
    parse_text(source, undecodable, mode, type_comments, false)
}

/// Parse a script as `python3.13 FILE` does: the text read by CPython's file tokenizer
/// (see [`crate::tokenizer::Tokenizer::file_input`]), mode 'exec', no type comments.
pub fn parse_script(source: &str, undecodable: &[Undecodable]) -> Result<ast::Mod, SyntaxError> {
    parse_text(source, undecodable, Mode::Exec, false, true).0
}

fn parse_text(
    source: &str,
    undecodable: &[Undecodable],
    mode: Mode,
    type_comments: bool,
    file_input: bool,
) -> (Result<ast::Mod, SyntaxError>, Vec<TokenizerWarning>) {
    let source = crate::tokenizer::translate_newlines(source);
    let source: &str = &source;
    run_on_big_stack(|| {
        let config = crate::tokenizer::TokenizerConfig {
            extra_tokens: false,
            type_comments,
            interactive: false,
        };
        let mut tokenizer = crate::tokenizer::Tokenizer::new(source, config).with_undecodable(undecodable);
        if file_input {
            tokenizer = tokenizer.file_input();
        }
        if mode != Mode::Exec {
            // CPython's string tokenizer adds the missing final newline for 'exec' only.
            tokenizer = tokenizer.without_implicit_newline();
        }
        let mut p = Parser::new(source, Box::new(tokenizer), type_comments);
        p.undecodable = undecodable;
        p.single_input = mode == Mode::Single;
        let r = p.parse_mod(mode);
        (r, std::mem::take(&mut p.warnings))
    })
}

/// [`parse_bytes`] with the warnings of [`parse_with_warnings`].
pub fn parse_bytes_with_warnings(
    bytes: &[u8],
    mode: Mode,
    filename: &str,
    type_comments: bool,
) -> (Result<ast::Mod, SyntaxError>, Vec<TokenizerWarning>) {
    match crate::tokenizer::decode_source_lenient(bytes) {
        Ok(d) => parse_decoded_with_warnings(&d.text, &d.undecodable, mode, filename, type_comments),
        Err(e) => (Err(e), Vec::new()),
    }
}

/// Runs `f` with at least [`PARSER_STACK_BYTES`] of stack: on the current thread when it
/// has that much left (the `taipan` command's 1 GiB main thread), else on a new thread.
/// Spawning a thread per file was a tenth of `taipan compile`'s time over many files.
fn run_on_big_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    if stacker::remaining_stack().is_some_and(|n| n >= PARSER_STACK_BYTES) {
        return f();
    }
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(PARSER_STACK_BYTES)
            .spawn_scoped(s, f)
            .expect("spawning the parser thread")
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e))
    })
}

/// Where tokens come from: the tokenizer, or a test's token list.
pub trait TokenSource<'src> {
    fn next_token(&mut self) -> Result<Token<'src>, SyntaxError>;
    /// SyntaxWarnings raised while producing the tokens so far.
    fn take_warnings(&mut self) -> Vec<TokenizerWarning> {
        Vec::new()
    }
    /// See [`crate::tokenizer::Tokenizer::error_overrides`].
    fn error_overrides(&self) -> bool {
        true
    }
    /// See [`crate::tokenizer::Tokenizer::buffer_is_empty`].
    fn buffer_is_empty(&self) -> bool {
        false
    }
}

impl<'src> TokenSource<'src> for crate::tokenizer::Tokenizer<'src> {
    fn next_token(&mut self) -> Result<Token<'src>, SyntaxError> {
        crate::tokenizer::Tokenizer::next_token(self)
    }
    fn error_overrides(&self) -> bool {
        crate::tokenizer::Tokenizer::error_overrides(self)
    }
    fn buffer_is_empty(&self) -> bool {
        crate::tokenizer::Tokenizer::buffer_is_empty(self)
    }
    fn take_warnings(&mut self) -> Vec<TokenizerWarning> {
        if self.has_warnings() {
            crate::tokenizer::Tokenizer::take_warnings(self)
        } else {
            Vec::new()
        }
    }
}

pub type Lexer<'src> = Box<dyn TokenSource<'src> + 'src>;

/// A rule's failure: `Fail` lets the caller try another alternative (PEG ordered
/// choice); `Fatal` is an error already decided (tokenizer errors, `invalid_*` rules,
/// semantic errors raised by actions) that stops the parse.
#[derive(Debug)]
pub(crate) enum PErr {
    Fail,
    Fatal(Box<SyntaxError>),
}

pub(crate) type PResult<T> = Result<T, PErr>;

impl From<SyntaxError> for PErr {
    fn from(e: SyntaxError) -> Self {
        PErr::Fatal(Box::new(e))
    }
}

/// Keywords and soft keywords, classified once when a NAME token is fetched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kw {
    NotKw,
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,
    // soft keywords: still valid names
    Match,
    Case,
    Type,
    Underscore,
}

impl Kw {
    fn classify(text: &str) -> Kw {
        match text {
            "False" => Kw::False,
            "None" => Kw::None,
            "True" => Kw::True,
            "and" => Kw::And,
            "as" => Kw::As,
            "assert" => Kw::Assert,
            "async" => Kw::Async,
            "await" => Kw::Await,
            "break" => Kw::Break,
            "class" => Kw::Class,
            "continue" => Kw::Continue,
            "def" => Kw::Def,
            "del" => Kw::Del,
            "elif" => Kw::Elif,
            "else" => Kw::Else,
            "except" => Kw::Except,
            "finally" => Kw::Finally,
            "for" => Kw::For,
            "from" => Kw::From,
            "global" => Kw::Global,
            "if" => Kw::If,
            "import" => Kw::Import,
            "in" => Kw::In,
            "is" => Kw::Is,
            "lambda" => Kw::Lambda,
            "nonlocal" => Kw::Nonlocal,
            "not" => Kw::Not,
            "or" => Kw::Or,
            "pass" => Kw::Pass,
            "raise" => Kw::Raise,
            "return" => Kw::Return,
            "try" => Kw::Try,
            "while" => Kw::While,
            "with" => Kw::With,
            "yield" => Kw::Yield,
            "match" => Kw::Match,
            "case" => Kw::Case,
            "type" => Kw::Type,
            "_" => Kw::Underscore,
            _ => Kw::NotKw,
        }
    }

    /// A hard keyword cannot be used as a NAME.
    pub(crate) fn is_hard(self) -> bool {
        !matches!(self, Kw::NotKw | Kw::Match | Kw::Case | Kw::Type | Kw::Underscore)
    }
}

/// A buffered token.
pub(crate) struct Tok<'src> {
    pub kind: TokenKind,
    pub kw: Kw,
    pub start: Pos,
    pub end: Pos,
    pub text: Cow<'src, str>,
}

pub(crate) struct Parser<'src> {
    pub src: &'src str,
    pub toks: Vec<Tok<'src>>,
    pub pos: usize,
    lexer: Lexer<'src>,
    lexer_done: bool,
    /// The tokenizer's error; an ERRORTOKEN stands in for it in `toks`.
    pub lex_err: Option<SyntaxError>,
    /// `lex_err` replaces an earlier parser error (see `tail_error`).
    lex_err_overrides: bool,
    pub type_ignores: Vec<ast::TypeIgnore>,
    /// Whether TYPE_COMMENT tokens are produced (`PyCF_TYPE_COMMENTS`).
    #[allow(dead_code)]
    pub type_comments: bool,
    /// SyntaxWarnings, in the order CPython emits them.
    pub warnings: Vec<TokenizerWarning>,
    /// 'single' input: the first ENDMARKER after some token becomes NEWLINE plus the
    /// DEDENTs still open (`_PyPegen_fill_token`).
    pub(crate) single_input: bool,
    parsing_started: bool,
    open_indents: u32,
    /// Tokens whose literal already produced its warning (backtracking re-decodes).
    pub(crate) warned: std::collections::HashSet<usize>,
    /// Nesting depth of rule calls that can recurse (CPython's `p->level`).
    pub depth: u32,
    line_starts: Option<Vec<usize>>,
    /// CPython's `p->call_invalid_rules`: set for the second pass (see [`invalid`]).
    pub(crate) call_invalid_rules: bool,
    /// Token positions where an expensive invalid rule already ran in the second pass
    /// (CPython memoizes; this keeps nested failing constructs linear).
    pub(crate) invalid_memo: std::collections::HashSet<usize>,
    /// (position, rule) pairs already tried by [`Parser::invalid`].
    pub(crate) invalid_seen: std::collections::HashSet<(usize, usize)>,
    /// The source's undecodable byte sequences (see `decode_source_lenient`).
    pub(crate) undecodable: &'src [Undecodable],
    /// A `UnicodeDecodeError` raised by an action that does not stop our parse (a type
    /// comment's, a `# type: ignore` tag's); it ends the parse as it ends CPython's.
    pub(crate) pending_decode_error: Option<SyntaxError>,
}

impl<'src> Parser<'src> {
    pub(crate) fn new(src: &'src str, lexer: Lexer<'src>, type_comments: bool) -> Self {
        Parser {
            src,
            toks: Vec::with_capacity(src.len() / 4 + 16),
            pos: 0,
            lexer,
            lexer_done: false,
            lex_err: None,
            lex_err_overrides: true,
            type_ignores: Vec::new(),
            type_comments,
            warnings: Vec::new(),
            warned: std::collections::HashSet::new(),
            single_input: false,
            parsing_started: false,
            open_indents: 0,
            depth: 0,
            line_starts: None,
            call_invalid_rules: false,
            invalid_memo: std::collections::HashSet::new(),
            invalid_seen: std::collections::HashSet::new(),
            undecodable: &[],
            pending_decode_error: None,
        }
    }

    // ----- token buffer -----

    #[cold]
    fn fill(&mut self, upto: usize) {
        while self.toks.len() <= upto {
            if self.lexer_done {
                // Repeat the last token (ENDMARKER or ERRORTOKEN).
                let last = self.toks.last().expect("lexer_done implies a token");
                let t = Tok { kind: last.kind, kw: Kw::NotKw, start: last.start, end: last.end, text: Cow::Borrowed("") };
                self.toks.push(t);
                continue;
            }
            let r = self.lexer.next_token();
            self.warnings.extend(self.lexer.take_warnings());
            match r {
                Ok(t) => {
                    if t.kind == TokenKind::TYPE_IGNORE {
                        if !self.undecodable.is_empty() && self.pending_decode_error.is_none() {
                            self.pending_decode_error = self.undecodable_error(&t.text, false);
                        }
                        self.type_ignores.push(ast::TypeIgnore { lineno: t.start.line, tag: t.text.into_owned() });
                        continue;
                    }
                    match t.kind {
                        TokenKind::INDENT => self.open_indents += 1,
                        TokenKind::DEDENT => self.open_indents = self.open_indents.saturating_sub(1),
                        _ => {}
                    }
                    if t.kind == TokenKind::ENDMARKER {
                        if self.single_input && self.parsing_started {
                            self.parsing_started = false;
                            // NEWLINE, the pending DEDENTs, and (the DEDENTs restarting
                            // the "parsing started" state) another NEWLINE.
                            let k = self.open_indents as usize;
                            for kind in std::iter::once(TokenKind::NEWLINE)
                                .chain(std::iter::repeat(TokenKind::DEDENT).take(k))
                                .chain(std::iter::repeat(TokenKind::NEWLINE).take((k > 0) as usize))
                            {
                                self.toks.push(Tok { kind, kw: Kw::NotKw, start: t.start, end: t.end, text: Cow::Borrowed("") });
                            }
                            self.open_indents = 0;
                        }
                        self.lexer_done = true;
                    } else {
                        self.parsing_started = true;
                    }
                    let kw = if t.kind == TokenKind::NAME { Kw::classify(&t.text) } else { Kw::NotKw };
                    self.toks.push(Tok { kind: t.kind, kw, start: t.start, end: t.end, text: t.text });
                }
                Err(e) => {
                    let p = self.toks.last().map(|t| t.end).unwrap_or(Pos { line: 1, col: 0 });
                    self.lex_err = Some(e);
                    self.lex_err_overrides = self.lexer.error_overrides();
                    self.lexer_done = true;
                    self.toks.push(Tok { kind: TokenKind::ERRORTOKEN, kw: Kw::NotKw, start: p, end: p, text: Cow::Borrowed("") });
                }
            }
        }
    }

    /// The tokenizer has given its last token (ENDMARKER or an error).
    pub(crate) fn lexer_done(&self) -> bool {
        self.lexer_done
    }

    #[inline]
    pub(crate) fn tok_at(&mut self, i: usize) -> &Tok<'src> {
        if i >= self.toks.len() {
            self.fill(i);
        }
        &self.toks[i]
    }

    #[inline]
    pub(crate) fn cur(&mut self) -> &Tok<'src> {
        let p = self.pos;
        self.tok_at(p)
    }

    #[inline]
    pub(crate) fn kind(&mut self) -> TokenKind {
        self.cur().kind
    }

    #[inline]
    pub(crate) fn nth_kind(&mut self, n: usize) -> TokenKind {
        let p = self.pos + n;
        self.tok_at(p).kind
    }

    #[inline]
    pub(crate) fn kw(&mut self) -> Kw {
        self.cur().kw
    }

    #[inline]
    pub(crate) fn nth_kw(&mut self, n: usize) -> Kw {
        let p = self.pos + n;
        self.tok_at(p).kw
    }

    #[inline]
    pub(crate) fn at(&mut self, kind: TokenKind) -> bool {
        self.kind() == kind
    }

    #[inline]
    pub(crate) fn at_kw(&mut self, kw: Kw) -> bool {
        self.kw() == kw
    }

    /// At a NAME that is not a hard keyword.
    #[inline]
    pub(crate) fn at_name(&mut self) -> bool {
        let t = self.cur();
        t.kind == TokenKind::NAME && !t.kw.is_hard()
    }

    #[inline]
    pub(crate) fn bump(&mut self) -> usize {
        let p = self.pos;
        self.tok_at(p);
        self.pos += 1;
        p
    }

    #[inline]
    pub(crate) fn eat(&mut self, kind: TokenKind) -> bool {
        if self.at(kind) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    #[inline]
    pub(crate) fn eat_kw(&mut self, kw: Kw) -> bool {
        if self.at_kw(kw) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    #[inline]
    pub(crate) fn expect(&mut self, kind: TokenKind) -> PResult<usize> {
        if self.at(kind) {
            Ok(self.bump())
        } else {
            Err(PErr::Fail)
        }
    }

    #[inline]
    pub(crate) fn expect_kw(&mut self, kw: Kw) -> PResult<usize> {
        if self.at_kw(kw) {
            Ok(self.bump())
        } else {
            Err(PErr::Fail)
        }
    }

    /// Consume a NAME (not a hard keyword) and return its identifier.
    pub(crate) fn expect_name(&mut self) -> PResult<(String, TextRange)> {
        if !self.at_name() {
            return Err(PErr::Fail);
        }
        let i = self.bump();
        let t = &self.toks[i];
        let range = TextRange::new(t.start.line, t.start.col, t.end.line, t.end.col);
        Ok((identifier(&t.text), range))
    }

    /// Start position of the current token.
    #[inline]
    pub(crate) fn start(&mut self) -> Pos {
        self.cur().start
    }

    /// End position of the last consumed token that is not NEWLINE, INDENT, DEDENT or
    /// ENDMARKER (`_PyPegen_get_last_nonnwhitespace_token`).
    #[inline]
    pub(crate) fn prev_end(&self) -> Pos {
        let mut i = self.pos - 1;
        loop {
            let t = &self.toks[i];
            if i == 0 || !matches!(t.kind, TokenKind::NEWLINE | TokenKind::INDENT | TokenKind::DEDENT | TokenKind::ENDMARKER) {
                return t.end;
            }
            i -= 1;
        }
    }

    /// The range from `start` to the end of the last consumed token (CPython's EXTRA).
    #[inline]
    pub(crate) fn range_from(&self, start: Pos) -> TextRange {
        let end = self.prev_end();
        TextRange::new(start.line, start.col, end.line, end.col)
    }

    pub(crate) fn tok_range(&self, i: usize) -> TextRange {
        let t = &self.toks[i];
        TextRange::new(t.start.line, t.start.col, t.end.line, t.end.col)
    }

    /// Run `f`; on `Fail`, rewind to where it started and return `None`.
    #[inline]
    pub(crate) fn attempt<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<Option<T>> {
        let mark = self.pos;
        match f(self) {
            Ok(v) => Ok(Some(v)),
            Err(PErr::Fail) => {
                self.pos = mark;
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }

    /// Enter a rule that may recurse; CPython's `MAXSTACK` check.
    #[inline]
    pub(crate) fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAXSTACK {
            return Err(PErr::Fatal(Box::new(SyntaxError {
                kind: SyntaxErrorKind::MemoryError,
                msg: "Parser stack overflowed - Python source too complex to parse".into(),
                lineno: 0,
                offset: 0,
                end_lineno: None,
                end_offset: None,
                text: None,
            })));
        }
        Ok(())
    }

    #[inline]
    pub(crate) fn leave(&mut self) {
        self.depth -= 1;
    }

    /// A SyntaxWarning about the literal of token `tok` (once per token).
    pub(crate) fn warn(&mut self, tok: usize, msg: String) {
        if self.warned.insert(tok) {
            let lineno = self.toks[tok].start.line;
            self.warnings.push(TokenizerWarning { lineno, msg });
        }
    }

    // ----- source text -----

    fn line_starts(&mut self) -> &[usize] {
        if self.line_starts.is_none() {
            let mut v = vec![0];
            for (i, b) in self.src.bytes().enumerate() {
                if b == b'\n' {
                    v.push(i + 1);
                }
            }
            self.line_starts = Some(v);
        }
        self.line_starts.as_deref().unwrap()
    }

    /// Byte offset in the source of a (line, byte column) position.
    pub(crate) fn offset_of(&mut self, p: Pos) -> usize {
        let len = self.src.len();
        let starts = self.line_starts();
        let line = (p.line as usize).saturating_sub(1);
        let base = starts.get(line).copied().unwrap_or(len);
        (base + p.col as usize).min(len)
    }

    /// The source text between two positions.
    pub(crate) fn slice(&mut self, a: Pos, b: Pos) -> &'src str {
        let (x, y) = (self.offset_of(a), self.offset_of(b));
        let src = self.src;
        src.get(x..y.max(x)).unwrap_or("")
    }

    /// Source line `lineno` (1-based), with its newline.
    pub(crate) fn line_text(&mut self, lineno: u32) -> Option<String> {
        let src = self.src;
        let starts = self.line_starts();
        let i = (lineno as usize).checked_sub(1)?;
        let a = *starts.get(i)?;
        let b = starts.get(i + 1).copied().unwrap_or(src.len());
        if a > src.len() {
            return None;
        }
        Some(src[a..b].to_string())
    }

    // ----- errors -----

    /// The byte column CPython has for `p`: columns count the source's bytes, and an
    /// undecodable sequence (one U+FFFD, 3 bytes, in our text) has its own length there.
    /// CPython then applies that column to the error line re-encoded (`char_offset`).
    fn original_col(&mut self, p: Pos) -> u32 {
        if self.undecodable.is_empty() {
            return p.col;
        }
        let a = self.offset_of(Pos { line: p.line, col: 0 });
        let b = self.offset_of(p);
        crate::tokenizer::original_len(self.undecodable, a, b) as u32
    }

    /// The byte offset in the source of `s`, a slice of it (token texts borrow from it).
    fn src_offset(&self, s: &str) -> Option<usize> {
        let base = self.src.as_ptr() as usize;
        let at = s.as_ptr() as usize;
        (at >= base && at + s.len() <= base + self.src.len()).then(|| at - base)
    }

    /// The `UnicodeDecodeError` of decoding `s` (a slice of the source) strictly, when it
    /// holds undecodable bytes: with `runs`, as `decode_unicode_with_escapes` does (each
    /// run of non-ASCII bytes on its own, positions relative to the run), else as one
    /// piece.
    pub(crate) fn undecodable_error(&self, s: &str, runs: bool) -> Option<SyntaxError> {
        if self.undecodable.is_empty() {
            return None;
        }
        let a = self.src_offset(s)?;
        let b = a + s.len();
        if crate::tokenizer::undecodable_in(self.undecodable, a, b).is_empty() {
            return None;
        }
        let orig = crate::tokenizer::original_bytes(self.src.as_bytes(), self.undecodable, a, b);
        let msg = if runs {
            orig.split(|&c| c < 0x80).find_map(crate::tokenizer::utf8_error_message)?
        } else {
            crate::tokenizer::utf8_error_message(&orig)?
        };
        Some(SyntaxError {
            kind: SyntaxErrorKind::UnicodeDecodeError,
            msg,
            lineno: 0,
            offset: 0,
            end_lineno: None,
            end_offset: None,
            text: None,
        })
    }

    /// A SyntaxError at the given byte positions (converted to CPython's 1-based
    /// character offsets).
    pub(crate) fn error_at(&mut self, kind: SyntaxErrorKind, msg: impl Into<String>, start: Pos, end: Pos) -> SyntaxError {
        let text = self.line_text(start.line);
        let (col, end_col) = (self.original_col(start), self.original_col(end));
        let offset = char_offset_1(text.as_deref(), col);
        let end_text = if end.line == start.line { text.clone() } else { self.line_text(end.line) };
        let end_offset = char_offset_1(end_text.as_deref(), end_col);
        SyntaxError {
            kind,
            msg: msg.into(),
            lineno: start.line,
            offset,
            end_lineno: Some(end.line),
            end_offset: Some(end_offset),
            text,
        }
    }

    /// `RAISE_SYNTAX_ERROR(msg)`: located at the last token fetched.
    pub(crate) fn raise_at_last_token(&mut self, msg: impl Into<String>) -> PErr {
        self.error_at_last_token(SyntaxErrorKind::SyntaxError, msg).into()
    }

    /// `_PyPegen_raise_error` at the last token fetched. A token without columns
    /// (INDENT, DEDENT, ENDMARKER) fetched when the tokenizer's buffer is empty (the file
    /// tokenizer at end of input) gives offset 0 and no end offset.
    pub(crate) fn error_at_last_token(&mut self, kind: SyntaxErrorKind, msg: impl Into<String>) -> SyntaxError {
        let t = self.toks.last().expect("a token was fetched");
        let (s, e, k) = (t.start, t.end, t.kind);
        let mut err = self.error_at(kind, msg, s, e);
        if matches!(k, TokenKind::INDENT | TokenKind::DEDENT | TokenKind::ENDMARKER) && self.lexer.buffer_is_empty() {
            err.offset = 0;
            err.end_offset = None;
        }
        err
    }

    /// `RAISE_SYNTAX_ERROR_KNOWN_RANGE` over a node range.
    pub(crate) fn raise_range(&mut self, msg: impl Into<String>, r: TextRange) -> PErr {
        self.error_at(
            SyntaxErrorKind::SyntaxError,
            msg,
            Pos { line: r.lineno, col: r.col_offset },
            Pos { line: r.end_lineno, col: r.end_col_offset },
        )
        .into()
    }

    /// `_PyPegen_tokenize_full_source_to_check_for_errors`, after the parser raised an
    /// error on line `err_line` (with no tokenizer error before): the tokenizer error
    /// further on that replaces it — one the tokenizer raised itself, or an unclosed
    /// bracket opened on an earlier line than the error.
    pub(crate) fn tail_error(&mut self, err_line: u32) -> Option<SyntaxError> {
        let le = self.tokenize_rest_for_errors()?;
        if le.msg.ends_with("was never closed") {
            return (err_line > le.lineno).then_some(le);
        }
        self.lex_err_overrides.then_some(le)
    }

    /// The generic error when no rule matched (`_PyPegen_set_syntax_error`).
    fn generic_error(&mut self) -> SyntaxError {
        if let Some(e) = self.lex_err.take() {
            return worded_on_the_spot(e);
        }
        let last = self.toks.len() - 1;
        let (kind, start, end) = {
            let t = &self.toks[last];
            (t.kind, t.start, t.end)
        };
        let err = match kind {
            TokenKind::INDENT => self.unset_column_error(SyntaxErrorKind::IndentationError, "unexpected indent", start),
            TokenKind::DEDENT => {
                self.unset_column_error(SyntaxErrorKind::IndentationError, "unexpected unindent", start)
            }
            TokenKind::ENDMARKER => {
                let mut e = self.unset_column_error(SyntaxErrorKind::SyntaxError, "invalid syntax", start);
                e.offset = 0;
                e.end_offset = Some(0);
                if e.text.is_none() {
                    e.text = Some(String::new());
                }
                e
            }
            _ => self.error_at(SyntaxErrorKind::SyntaxError, "invalid syntax", start, end),
        };
        // `_PyPegen_tokenize_full_source_to_check_for_errors`: a tokenizer error later in
        // the file wins over the generic error.
        // An unclosed bracket found at the end wins only when the generic error is on a
        // later line than the bracket.
        if kind != TokenKind::INDENT && kind != TokenKind::DEDENT {
            if let Some(e) = self.tail_error(err.lineno) {
                return e;
            }
        }
        err
    }

    /// An error at a token whose columns CPython leaves unset (INDENT, DEDENT,
    /// ENDMARKER): `_PyPegen_raise_error` then takes the tokenizer's cursor column as the
    /// (1-based) offset and has no end offset.
    fn unset_column_error(&mut self, kind: SyntaxErrorKind, msg: &str, at: Pos) -> SyntaxError {
        let text = self.line_text(at.line);
        let col = self.original_col(at);
        let offset = char_offset(text.as_deref(), col);
        SyntaxError {
            kind,
            msg: msg.into(),
            lineno: at.line,
            offset,
            end_lineno: Some(at.line),
            end_offset: None,
            text,
        }
    }

    fn finish(&mut self, r: PResult<ast::Mod>) -> Result<ast::Mod, SyntaxError> {
        if let Some(e) = self.pending_decode_error.take() {
            return Err(e);
        }
        match r {
            Ok(m) => Ok(m),
            Err(PErr::Fatal(e)) => {
                if e.kind == SyntaxErrorKind::UnicodeDecodeError {
                    return Err(*e);
                }
                if let Some(le) = self.lex_err.take() {
                    if e.kind != SyntaxErrorKind::MemoryError {
                        return Err(worded_on_the_spot(le));
                    }
                }
                if e.kind != SyntaxErrorKind::MemoryError {
                    // An action's SyntaxError in the first pass: the second pass stops at
                    // once (the error indicator stays set), then
                    // `_PyPegen_tokenize_full_source_to_check_for_errors`.
                    if let Some(le) = self.tail_error(e.lineno) {
                        return Err(le);
                    }
                }
                Err(*e)
            }
            Err(PErr::Fail) => {
                // Second pass with the invalid_* rules, as CPython does.
                if self.lex_err.is_none() {
                    if let Some(e) = invalid::second_pass(self) {
                        return Err(e);
                    }
                }
                Err(self.generic_error())
            }
        }
    }

    // ----- start rules -----

    pub(crate) fn parse_mod(&mut self, mode: Mode) -> Result<ast::Mod, SyntaxError> {
        let r = match mode {
            Mode::Exec => self.file(),
            Mode::Eval => self.eval_input(),
            Mode::Single => self.interactive(),
            Mode::FuncType => self.func_type_input(),
        };
        self.finish(r)
    }

    fn file(&mut self) -> PResult<ast::Mod> {
        let body = self.statements()?;
        self.expect(TokenKind::ENDMARKER)?;
        let type_ignores = std::mem::take(&mut self.type_ignores);
        Ok(ast::Mod::Module(ast::ModModule { body, type_ignores }))
    }

    fn eval_input(&mut self) -> PResult<ast::Mod> {
        let body = self.expressions()?;
        while self.eat(TokenKind::NEWLINE) {}
        self.expect(TokenKind::ENDMARKER)?;
        Ok(ast::Mod::Expression(ast::ModExpression { body: Box::new(body) }))
    }

    fn func_type_input(&mut self) -> PResult<ast::Mod> {
        self.expect(TokenKind::LPAR)?;
        let argtypes = if self.at(TokenKind::RPAR) { Vec::new() } else { self.type_expressions()? };
        self.expect(TokenKind::RPAR)?;
        self.expect(TokenKind::RARROW)?;
        let returns = self.expression()?;
        while self.eat(TokenKind::NEWLINE) {}
        self.expect(TokenKind::ENDMARKER)?;
        Ok(ast::Mod::FunctionType(ast::ModFunctionType { argtypes, returns: Box::new(returns) }))
    }

    fn type_expressions(&mut self) -> PResult<Vec<ast::Expr>> {
        let mut out = Vec::new();
        loop {
            if self.eat(TokenKind::STAR) {
                out.push(self.expression()?);
                if self.eat(TokenKind::COMMA) {
                    self.expect(TokenKind::DOUBLESTAR)?;
                    out.push(self.expression()?);
                }
                return Ok(out);
            }
            if self.eat(TokenKind::DOUBLESTAR) {
                out.push(self.expression()?);
                return Ok(out);
            }
            out.push(self.expression()?);
            if !(self.at(TokenKind::COMMA) && self.nth_kind(1) != TokenKind::RPAR) {
                return Ok(out);
            }
            self.bump();
        }
    }

    fn interactive(&mut self) -> PResult<ast::Mod> {
        let body = self.statement_newline()?;
        if self.bad_single_statement() {
            return Err(self.raise_at_last_token("multiple statements found while compiling a single statement"));
        }
        Ok(ast::Mod::Interactive(ast::ModInteractive { body }))
    }

    /// `bad_single_statement`: anything but blanks and comments after the statement.
    fn bad_single_statement(&mut self) -> bool {
        let Some(last) = self.toks.last() else { return false };
        if last.kind == TokenKind::ENDMARKER {
            return false;
        }
        let end = last.end;
        let from = self.offset_of(end);
        let mut rest = self.src[from..].chars().peekable();
        loop {
            while matches!(rest.peek(), Some(' ' | '\t' | '\n' | '\x0c' | '\r')) {
                rest.next();
            }
            match rest.peek() {
                None => return false,
                Some('#') => {
                    while !matches!(rest.peek(), None | Some('\n')) {
                        rest.next();
                    }
                }
                Some(_) => return true,
            }
        }
    }

    fn statement_newline(&mut self) -> PResult<Vec<ast::Stmt>> {
        match self.kind() {
            TokenKind::NEWLINE => {
                let i = self.bump();
                let r = self.tok_range(i);
                return Ok(vec![ast::Stmt::Pass(ast::StmtPass { range: r })]);
            }
            TokenKind::ENDMARKER => {
                // `_PyPegen_interactive_exit`: end of input; the rule fails.
                return Err(PErr::Fail);
            }
            _ => {}
        }
        if let Some(s) = self.attempt(|p| {
            let s = p.compound_stmt()?;
            p.expect(TokenKind::NEWLINE)?;
            Ok(s)
        })? {
            return Ok(vec![s]);
        }
        self.simple_stmts()
    }
}

/// The identifier of a NAME token: CPython NFKC-normalizes non-ASCII identifiers.
pub(crate) fn identifier(text: &str) -> String {
    if text.is_ascii() {
        text.to_string()
    } else {
        use unicode_normalization::UnicodeNormalization;
        text.nfkc().collect()
    }
}

/// A tokenizer error as the parser raises it when it meets the error token: an
/// undecodable name (`E_DECODE`) becomes "SyntaxError: (unicode error) …"
/// (`_Pypegen_raise_decode_error`); read ahead after the parse failed, it stays the
/// `UnicodeDecodeError`.
fn worded_on_the_spot(mut e: SyntaxError) -> SyntaxError {
    if e.kind == SyntaxErrorKind::UnicodeDecodeError && e.lineno != 0 {
        e.kind = SyntaxErrorKind::SyntaxError;
        e.msg = format!("(unicode error) {}", e.msg);
    }
    e
}

/// `_PyPegen_byte_offset_to_character_offset(line, col + 1)`: the characters of the
/// first `col + 1` bytes of `line` (a partial character counts as one; past the end,
/// the terminating NUL counts). Equal to `char_offset(line, col) + 1` unless `col` falls
/// inside a character, as original byte columns do inside a U+FFFD.
fn char_offset_1(line: Option<&str>, col: u32) -> u32 {
    match line {
        Some(l) => {
            let b = l.as_bytes();
            let n = col as usize + 1;
            if n > b.len() {
                l.chars().count() as u32 + 1
            } else {
                String::from_utf8_lossy(&b[..n]).chars().count() as u32
            }
        }
        None => col + 1,
    }
}

/// Characters in the first `col` bytes of `line` (`_PyPegen_byte_offset_to_character_offset`
/// counts the characters of a byte prefix, the offset clamped to the line's length + 1).
fn char_offset(line: Option<&str>, col: u32) -> u32 {
    match line {
        Some(l) => {
            let b = l.as_bytes();
            let n = (col as usize).min(b.len());
            String::from_utf8_lossy(&b[..n]).chars().count() as u32
        }
        None => col,
    }
}

#[cfg(test)]
mod tests;
