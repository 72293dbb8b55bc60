//! The parser never panics and never overflows the stack: every prefix of the valid
//! corpus (mostly invalid programs), and deeply nested inputs, give a result or an error.

use std::path::PathBuf;

use taipan_parser::error::SyntaxErrorKind;
use taipan_parser::parser::{parse, parse_bytes, Mode};

#[test]
fn every_prefix_of_the_corpus() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("resources/valid");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("py") {
            continue;
        }
        let source = std::fs::read(&path).unwrap();
        for cut in (0..source.len()).step_by(3) {
            for mode in [Mode::Exec, Mode::Single, Mode::Eval] {
                let _ = parse_bytes(&source[..cut], mode, "x.py", true);
            }
        }
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    for (src, kind) in [
        ("-".repeat(100_000) + "1", SyntaxErrorKind::MemoryError),
        ("not ".repeat(100_000) + "x", SyntaxErrorKind::MemoryError),
        ("(".repeat(1000) + &")".repeat(1000), SyntaxErrorKind::SyntaxError),
        ("[".repeat(1000), SyntaxErrorKind::SyntaxError),
    ] {
        let e = parse(&src, Mode::Exec, "x.py", false).expect_err("too deep");
        assert_eq!(e.kind, kind, "{}", e.msg);
    }
    // Deep but within CPython's limits: parses.
    assert!(parse(&("-".repeat(3000) + "1"), Mode::Exec, "x.py", false).is_ok());
    assert!(parse(&("(".repeat(150) + &")".repeat(150)), Mode::Exec, "x.py", false).is_ok());
}

/// `eval("x = 1")`: a statement in eval mode is an "invalid syntax" error, reported at
/// once (issue 4 reported a hang here).
#[test]
fn statements_in_eval_mode_are_errors() {
    for src in ["x = 1", "x = 1\n", "a = b = 1", "x += 1", "x: int = 1", "pass", "del x", "x = 1; y = 2"] {
        let e = parse(src, Mode::Eval, "<string>", false).expect_err(src);
        assert_eq!(e.msg, "invalid syntax", "{src}");
    }
}
