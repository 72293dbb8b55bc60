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
//! keeps them; `tokenize`'s character columns are derived when printing.

mod kind;

pub use kind::TokenKind;

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
    /// The exact kind: `LPAR`, `PLUSEQUAL`, … for operators, never `OP`.
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
    /// Interactive (`single` mode) input.
    pub interactive: bool,
}
