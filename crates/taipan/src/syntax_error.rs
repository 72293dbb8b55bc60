//! Printing a `SyntaxError` the way `python3.13` does when a script or `-c` command fails
//! to parse: no traceback frames, only the exception. CPython 3.13 prints uncaught
//! exceptions through `traceback.TracebackException`; for SyntaxError its
//! `_format_syntax_error` writes
//!
//! ```text
//!   File "FILENAME", line N
//!     SOURCE LINE (left-stripped of ' ', '\n', '\f')
//!     ^^^^ (from offset to end_offset, in code points of that line)
//! SyntaxError: MSG
//! ```
//!
//! The rules reproduced here, in its order: the File line only when there is a line
//! number; the source line only when there is a text; no caret line when the offset is
//! unset or falls inside the stripped indentation; an end offset on another line means
//! "to the end of the line"; offsets past the end of the text are clamped to just after
//! its last character; an empty or reversed range becomes one caret; whitespace other
//! than a plain space (tabs, …) before the caret is copied so the caret stays aligned.
//! Errors the parser raises without a location (undecodable source, unknown encoding)
//! print as the message line alone.

use taipan_parser::error::{SyntaxError, SyntaxErrorKind};

/// The text `python3.13` writes on stderr for a script that raised `err` while parsing.
pub fn format(err: &SyntaxError, filename: &str) -> String {
    let mut out = String::new();
    // The parser's stack overflow is a MemoryError, not a SyntaxError: no location; so
    // is the UnicodeDecodeError of an undecodable f-string part or type comment.
    if matches!(err.kind, SyntaxErrorKind::MemoryError | SyntaxErrorKind::UnicodeDecodeError) {
        out.push_str(err.kind.name());
        out.push_str(": ");
        out.push_str(&err.msg);
        out.push('\n');
        return out;
    }
    let lineno = (err.lineno != 0).then_some(err.lineno);
    if let Some(lineno) = lineno {
        out.push_str(&format!("  File \"{filename}\", line {lineno}\n"));
    }
    if let Some(text) = &err.text {
        format_source_line(&mut out, err, lineno, text);
    }
    let msg = if err.msg.is_empty() { "<no detail available>" } else { err.msg.as_str() };
    out.push_str(err.kind.name());
    out.push_str(": ");
    out.push_str(msg);
    out.push('\n');
    out
}

/// The source line and, when the offset allows, the caret line under it.
fn format_source_line(out: &mut String, err: &SyntaxError, lineno: Option<u32>, text: &str) {
    let text_chars: Vec<char> = text.chars().collect();
    let rtext: &[char] = {
        let mut end = text_chars.len();
        while end > 0 && text_chars[end - 1] == '\n' {
            end -= 1;
        }
        &text_chars[..end]
    };
    let spaces = rtext.iter().take_while(|&&c| c == ' ' || c == '\n' || c == '\x0c').count();
    let ltext = &rtext[spaces..];
    let ltext_str: String = ltext.iter().collect();

    // CPython's offsets are ints that may be None; 0 behaves as None here (a 0 offset
    // gives a negative column, which prints no caret either).
    if err.offset == 0 {
        out.push_str(&format!("    {ltext_str}\n"));
        return;
    }
    let text_len = text_chars.len() as i64;
    let rlen = rtext.len() as i64;
    let mut offset = err.offset as i64;
    let same_line = lineno.is_some() && err.end_lineno == lineno;
    let mut end_offset = if same_line {
        match err.end_offset {
            Some(e) if e != 0 => e as i64,
            _ => offset,
        }
    } else {
        rlen + 1
    };
    if text_len > 0 && offset > text_len {
        offset = rlen + 1;
    }
    if text_len > 0 && end_offset > text_len {
        end_offset = rlen + 1;
    }
    if offset >= end_offset || end_offset < 0 {
        end_offset = offset + 1;
    }
    let colno = offset - 1 - spaces as i64;
    let end_colno = end_offset - 1 - spaces as i64;
    out.push_str(&format!("    {ltext_str}\n"));
    if colno >= 0 {
        let mut carets = String::from("    ");
        for &c in ltext.iter().take(colno as usize) {
            carets.push(if python_isspace(c) { c } else { ' ' });
        }
        for _ in 0..(end_colno - colno).max(0) {
            carets.push('^');
        }
        carets.push('\n');
        out.push_str(&carets);
    }
}

/// `str.isspace` for one character: bidirectional class WS, B or S, or category Zs.
/// Differs from Unicode White_Space (`char::is_whitespace`) by U+001C..U+001F.
fn python_isspace(c: char) -> bool {
    matches!(c, '\x1c'..='\x1f') || c.is_whitespace()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(kind: SyntaxErrorKind, msg: &str, l: u32, o: u32, el: u32, eo: u32, text: &str) -> SyntaxError {
        SyntaxError {
            kind,
            msg: msg.into(),
            lineno: l,
            offset: o,
            end_lineno: Some(el),
            end_offset: Some(eo),
            text: Some(text.into()),
        }
    }

    #[test]
    fn simple_caret() {
        let e = err(SyntaxErrorKind::SyntaxError, "invalid syntax", 1, 5, 1, 6, "x = = 1\n");
        assert_eq!(format(&e, "<string>"),
            "  File \"<string>\", line 1\n    x = = 1\n        ^\nSyntaxError: invalid syntax\n");
    }

    #[test]
    fn indentation_is_stripped_and_tabs_kept() {
        let e = err(SyntaxErrorKind::SyntaxError, "m", 2, 8, 2, 9, "    \tx = = 1\n");
        assert_eq!(format(&e, "f.py"), "  File \"f.py\", line 2\n    \tx = = 1\n    \t  ^\nSyntaxError: m\n");
    }

    #[test]
    fn multi_line_range_goes_to_end_of_line() {
        let e = err(SyntaxErrorKind::SyntaxError, "m", 1, 3, 2, 4, "f(a for a in b,\n");
        assert_eq!(format(&e, "f.py"), "  File \"f.py\", line 1\n    f(a for a in b,\n      ^^^^^^^^^^^^^\nSyntaxError: m\n");
    }

    #[test]
    fn offset_past_end_is_clamped() {
        let e = err(SyntaxErrorKind::SyntaxError, "m", 1, 40, 1, 41, "foo(\n");
        assert_eq!(format(&e, "f.py"), "  File \"f.py\", line 1\n    foo(\n        ^\nSyntaxError: m\n");
    }

    #[test]
    fn no_location() {
        let mut e = err(SyntaxErrorKind::SyntaxError, "encoding problem: bogus", 0, 0, 0, 0, "");
        e.text = None;
        e.end_lineno = None;
        e.end_offset = None;
        assert_eq!(format(&e, "f.py"), "SyntaxError: encoding problem: bogus\n");
    }
}
