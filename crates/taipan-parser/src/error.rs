//! The front end's one error type: CPython's `SyntaxError` and its subclasses
//! `IndentationError` and `TabError`, with the fields of `SyntaxError.args[1]`.

/// Which exception class CPython raises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
    /// Not a SyntaxError subclass: CPython's parser raises `MemoryError` when its rule
    /// stack overflows ("Parser stack overflowed - Python source too complex to parse").
    MemoryError,
    /// Not a SyntaxError subclass either: the compiler's passes (symtable, codegen) raise
    /// `RecursionError` ("maximum recursion depth exceeded during compilation") on ASTs
    /// nested deeper than CPython's C recursion limit.
    RecursionError,
    /// Not a SyntaxError subclass: bytes that are not UTF-8 in an f-string's literal
    /// part or a type comment, or in a name read after the parser failed, escape
    /// `compile()` as the codec's `UnicodeDecodeError` (elsewhere the parser turns
    /// them into "SyntaxError: (unicode error) …").
    UnicodeDecodeError,
}

impl SyntaxErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            SyntaxErrorKind::SyntaxError => "SyntaxError",
            SyntaxErrorKind::IndentationError => "IndentationError",
            SyntaxErrorKind::TabError => "TabError",
            SyntaxErrorKind::MemoryError => "MemoryError",
            SyntaxErrorKind::RecursionError => "RecursionError",
            SyntaxErrorKind::UnicodeDecodeError => "UnicodeDecodeError",
        }
    }
}

/// A syntax error as CPython reports it. Positions are those of the Python exception:
/// `lineno` 1-based, `offset`/`end_offset` 1-based and counted in **code points** of
/// `text` (CPython converts its byte offsets before raising). 0 means "not set".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub msg: String,
    pub lineno: u32,
    pub offset: u32,
    pub end_lineno: Option<u32>,
    pub end_offset: Option<u32>,
    /// The source line the error is on, when CPython has it (with its newline).
    pub text: Option<String>,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} (line {})", self.kind.name(), self.msg, self.lineno)
    }
}

impl std::error::Error for SyntaxError {}

pub type ParseResult<T> = Result<T, SyntaxError>;
