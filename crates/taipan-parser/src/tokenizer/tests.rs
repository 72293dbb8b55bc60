//! Unit tests of the tokenizer. The goldens in `resources/tokens/` come from the
//! reference CPython (`tools/gen_token_goldens.sh`):
//! - `NAME.expected`: what `python3.13 -m tokenize -e NAME.py` prints;
//! - `parser_errors.txt`: the SyntaxError `compile()` raises for snippets whose error
//!   comes from the tokenizer, checked against parser mode.

use super::listing::tokenize_file_listing;
use super::*;
use crate::error::SyntaxErrorKind;

fn resources() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("resources").join("tokens")
}

#[test]
fn tokenize_goldens() {
    let dir = resources();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("resources/tokens")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".py"))
        .collect();
    names.sort();
    assert!(names.len() >= 60, "golden corpus missing");
    let mut failures = Vec::new();
    for name in &names {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let expected = std::fs::read_to_string(dir.join(name.replace(".py", ".expected"))).unwrap();
        let l = tokenize_file_listing(&bytes, name, true);
        let got = format!("{}### stderr\n{}### status {}\n", l.stdout, l.stderr, l.status);
        if got != expected {
            failures.push(format!("{name}:\n--- got\n{got}--- expected\n{expected}"));
        }
    }
    assert!(failures.is_empty(), "{} goldens differ:\n{}", failures.len(), failures.join("\n"));
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let hex = |it: &mut std::iter::Peekable<std::str::Chars>, n: usize| {
            let h: String = (0..n).filter_map(|_| it.next()).collect();
            char::from_u32(u32::from_str_radix(&h, 16).unwrap()).unwrap()
        };
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some('\'') => out.push('\''),
            Some('x') => out.push(hex(&mut it, 2)),
            Some('u') => out.push(hex(&mut it, 4)),
            Some('U') => out.push(hex(&mut it, 8)),
            Some(o) => panic!("escape \\{o}"),
            None => panic!("trailing backslash"),
        }
    }
    out
}

fn parser_mode(src: &str) -> Result<Vec<Token<'_>>, crate::error::SyntaxError> {
    let mut tok = Tokenizer::new(src, TokenizerConfig::default());
    let mut v = Vec::new();
    loop {
        let t = tok.next_token()?;
        let end = t.kind == TokenKind::ENDMARKER;
        v.push(t);
        if end {
            return Ok(v);
        }
    }
}

#[test]
fn parser_mode_errors_match_compile() {
    let text = std::fs::read_to_string(resources().join("parser_errors.txt")).unwrap();
    let mut failures = Vec::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        let src = unescape(f[0]);
        let num = |s: &str| s.parse::<i64>().unwrap();
        let (kind, lineno, offset, end_lineno, end_offset, msg) =
            (f[1], num(f[2]), num(f[3]), num(f[4]), num(f[5]), unescape(f[6]));
        let text = if f[7] == "None" { None } else { Some(unescape(f[7])) };
        match parser_mode(&src) {
            Ok(_) => failures.push(format!("{:?}: no tokenizer error, expected {msg}", src)),
            Err(e) => {
                let got = (
                    e.kind.name().to_string(),
                    e.lineno as i64,
                    e.offset as i64,
                    e.end_lineno.map_or(-1, |x| x as i64),
                    e.end_offset.map_or(-1, |x| x as i64),
                    e.msg.clone(),
                    e.text.clone(),
                );
                let want = (kind.to_string(), lineno, offset, end_lineno, end_offset, msg, text);
                if got != want {
                    failures.push(format!("{:?}:\n  got  {:?}\n  want {:?}", src, got, want));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} differ:\n{}", failures.len(), failures.join("\n"));
}

fn kinds(src: &str, config: TokenizerConfig) -> Vec<(TokenKind, String, (u32, u32), (u32, u32))> {
    let mut tok = Tokenizer::new(src, config);
    let mut v = Vec::new();
    loop {
        let t = tok.next_token().unwrap();
        let end = t.kind == TokenKind::ENDMARKER;
        v.push((t.kind, t.text.to_string(), (t.start.line, t.start.col), (t.end.line, t.end.col)));
        if end {
            return v;
        }
    }
}

#[test]
fn parser_mode_tokens() {
    use TokenKind::*;
    let v = kinds("if x:\n  # c\n    y = 1\n", TokenizerConfig::default());
    let got: Vec<_> = v.iter().map(|t| (t.0, t.1.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (NAME, "if"),
            (NAME, "x"),
            (COLON, ":"),
            (NEWLINE, ""),
            (INDENT, ""),
            (NAME, "y"),
            (EQUAL, "="),
            (NUMBER, "1"),
            (NEWLINE, ""),
            (DEDENT, ""),
            (ENDMARKER, ""),
        ]
    );
    // NEWLINE spans the newline character.
    assert_eq!(v[3].2, (1, 5));
    assert_eq!(v[3].3, (1, 6));
    // Byte columns.
    let v = kinds("é = 'ü'\n", TokenizerConfig::default());
    assert_eq!((v[0].2, v[0].3), ((1, 0), (1, 2)));
    assert_eq!((v[2].2, v[2].3), ((1, 5), (1, 9)));
}

#[test]
fn parser_mode_fstring_tokens() {
    use TokenKind::*;
    let v = kinds("f'a{{b{x!r:>{w}}c}}'\n", TokenizerConfig::default());
    let got: Vec<_> = v.iter().map(|t| (t.0, t.1.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (FSTRING_START, "f'"),
            (FSTRING_MIDDLE, "a{"),
            (FSTRING_MIDDLE, "b"),
            (LBRACE, "{"),
            (NAME, "x"),
            (EXCLAMATION, "!"),
            (NAME, "r"),
            (COLON, ":"),
            (FSTRING_MIDDLE, ">"),
            (LBRACE, "{"),
            (NAME, "w"),
            (RBRACE, "}"),
            // CPython emits an empty FSTRING_MIDDLE where the format spec ends.
            (FSTRING_MIDDLE, ""),
            (RBRACE, "}"),
            (FSTRING_MIDDLE, "c}"),
            (FSTRING_END, "'"),
            (NEWLINE, ""),
            (ENDMARKER, ""),
        ]
    );
}

#[test]
fn type_comments() {
    use TokenKind::*;
    let config = TokenizerConfig { type_comments: true, ..Default::default() };
    let v = kinds("x = []  # type: List[int]\ny = 1  # type: ignore[x]\n# type: ignore\n", config);
    let got: Vec<_> = v.iter().map(|t| (t.0, t.1.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (NAME, "x"),
            (EQUAL, "="),
            (LSQB, "["),
            (RSQB, "]"),
            (TYPE_COMMENT, "List[int]"),
            (NEWLINE, ""),
            (NAME, "y"),
            (EQUAL, "="),
            (NUMBER, "1"),
            (TYPE_IGNORE, "[x]"),
            (NEWLINE, ""),
            (TYPE_IGNORE, ""),
            (ENDMARKER, ""),
        ]
    );
    assert_eq!((v[4].2, v[4].3), ((1, 16), (1, 25)));
}

#[test]
fn endmarker_repeats_and_errors_stick() {
    let mut tok = Tokenizer::new("x\n", TokenizerConfig::default());
    while tok.next_token().unwrap().kind != TokenKind::ENDMARKER {}
    assert_eq!(tok.next_token().unwrap().kind, TokenKind::ENDMARKER);
    assert_eq!(tok.next_token().unwrap().kind, TokenKind::ENDMARKER);

    let mut tok = Tokenizer::new("x = 'a\n", TokenizerConfig::default());
    let e = loop {
        match tok.next_token() {
            Ok(_) => continue,
            Err(e) => break e,
        }
    };
    assert_eq!(tok.next_token().unwrap_err(), e);
    assert_eq!(e.text.as_deref(), Some("x = 'a"));
}

#[test]
fn warnings_in_parser_mode() {
    let mut tok = Tokenizer::new("x = 1if y else 2\n", TokenizerConfig::default());
    while tok.next_token().unwrap().kind != TokenKind::ENDMARKER {}
    let w = tok.take_warnings();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].msg, "invalid decimal literal");
}

#[test]
fn decoding() {
    let (enc, text) = decode_source(b"# coding: latin-1\nx = '\xe9'\n").unwrap();
    assert_eq!(enc, "iso-8859-1");
    assert_eq!(text, "# coding: latin-1\nx = '\u{e9}'\n");
    let (enc, text) = decode_source(b"\xef\xbb\xbfx\n").unwrap();
    assert_eq!((enc.as_str(), &*text), ("utf-8", "x\n"));
    let e = decode_source(b"# coding: uft-8\n").unwrap_err();
    assert_eq!(e.msg, "unknown encoding: uft-8");
    let e = decode_source(b"\xef\xbb\xbf# coding: latin-1\n").unwrap_err();
    assert_eq!(e.msg, "encoding problem: iso-8859-1 with BOM");
    let (enc, text) = decode_source(b"# coding: cp1252\nx = '\x80'\n").unwrap();
    assert_eq!((enc.as_str(), &*text), ("cp1252", "# coding: cp1252\nx = '\u{20ac}'\n"));
    assert_eq!(translate_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
    let e = decode_source(b"# coding: cp1252\nx = \"\x81\"\n").unwrap_err();
    assert_eq!(e.msg, "'charmap' codec can't decode byte 0x81 in position 22: character maps to <undefined>");
    let e = decode_source(b"# coding: ascii\n\n\nx = \"\xc3\"\n").unwrap_err();
    assert_eq!(e.msg, "'ascii' codec can't decode byte 0xc3 in position 23: ordinal not in range(128)");
    assert_eq!(e.kind, SyntaxErrorKind::SyntaxError);
}

#[test]
fn source_lines() {
    let t = Tokenizer::new("a\nb\r\nc", TokenizerConfig::default());
    assert_eq!(t.source_line(1), Some("a"));
    assert_eq!(t.source_line(2), Some("b\r"));
    assert_eq!(t.source_line(3), Some("c"));
    assert_eq!(t.source_line(4), None);
}

#[test]
fn fstring_debug_metadata() {
    let text = std::fs::read_to_string(resources().join("fstring_debug.txt")).unwrap();
    for line in text.lines() {
        let (src, want) = line.split_once('\t').unwrap();
        let (src, want) = (unescape(src), unescape(want));
        let mut tok = Tokenizer::new(&src, TokenizerConfig::default());
        let mut depth = 0;
        let mut got = None;
        loop {
            let t = tok.next_token().unwrap();
            // The parser takes the debug text from the conversion's `!`, else the
            // format spec's `:`, else the closing `}`.
            match t.kind {
                TokenKind::EXCLAMATION | TokenKind::COLON
                    if depth == 1 && got.is_none() && tok.metadata().is_some() =>
                {
                    got = Some(tok.metadata().map(str::to_string));
                }
                TokenKind::LBRACE => depth += 1,
                TokenKind::RBRACE => {
                    depth -= 1;
                    if depth == 0 && got.is_none() {
                        got = Some(tok.metadata().map(str::to_string));
                    }
                }
                TokenKind::ENDMARKER => break,
                _ => {}
            }
        }
        assert_eq!(got, Some(Some(want)), "{src:?}");
    }
}

#[test]
fn eval_input_has_no_implicit_newline() {
    use TokenKind::*;
    let mut tok = Tokenizer::new("1 +", TokenizerConfig::default()).without_implicit_newline();
    let mut v = Vec::new();
    loop {
        let t = tok.next_token().unwrap();
        v.push(t.kind);
        if t.kind == ENDMARKER {
            break;
        }
    }
    assert_eq!(v, vec![NUMBER, PLUS, ENDMARKER]);
    let v = kinds("1 +", TokenizerConfig::default());
    let v: Vec<_> = v.iter().map(|t| t.0).collect();
    assert_eq!(v, vec![NUMBER, PLUS, NEWLINE, ENDMARKER]);
}

#[test]
fn file_decoding() {
    let e = decode_file_source(b"x = 1\n\xff\n", "/tmp/nf.py").unwrap_err();
    assert_eq!(
        e.msg,
        "Non-UTF-8 code starting with '\\xff' in file /tmp/nf.py on line 2, but no encoding declared; \
         see https://peps.python.org/pep-0263/ for details"
    );
    assert_eq!(decode_file_source(b"# coding: uft-8\n", "f").unwrap_err().msg, "encoding problem: uft-8");
    assert_eq!(decode_file_source(b"# coding: ascii\nx='\xc3'\n", "f").unwrap_err().msg, "encoding problem: ascii");
    assert_eq!(decode_file_source(b"# coding: cp1252\nx='\x81'\n", "f").unwrap_err().msg, "encoding problem: cp1252");
    assert_eq!(
        decode_file_source(b"\xef\xbb\xbf# coding: latin-1\n", "f").unwrap_err().msg,
        "encoding problem: iso-8859-1 with BOM"
    );
    let (enc, text) = decode_file_source(b"# coding: latin-1\nx = '\xff'\n", "f").unwrap();
    assert_eq!((enc.as_str(), &*text), ("iso-8859-1", "# coding: latin-1\nx = '\u{ff}'\n"));
}

#[test]
fn null_bytes_anywhere_in_a_line() {
    for pos in 0..20 {
        let mut src = "abcdefghijklmnopqrstuvwxyz = 1\n".to_string();
        src.replace_range(pos..pos + 1, "\0");
        let mut tok = Tokenizer::new(&src, TokenizerConfig { extra_tokens: true, ..Default::default() });
        let e = loop {
            match tok.next_token() {
                Ok(t) if t.kind == TokenKind::ENDMARKER => panic!("no error for NUL at {pos}"),
                Ok(_) => {}
                Err(e) => break e,
            }
        };
        assert_eq!(e.msg, "source code cannot contain null bytes");
        assert_eq!((e.lineno, e.offset), (1, 0));
    }
}

#[test]
fn file_input_errors() {
    // As `python3.13 FILE` reports them (the file tokenizer), vs compile() of a string.
    let err = |t: Tokenizer<'_>| {
        let mut t = t;
        loop {
            if let Err(e) = t.next_token() {
                return (e.msg, e.lineno, e.offset, e.text);
            }
        }
    };
    let src = "\\";
    let config = TokenizerConfig::default();
    let e = err(Tokenizer::new(src, config).file_input());
    assert_eq!((e.0.as_str(), e.1, e.2), ("unexpected EOF while parsing", 1, 0));
    let e = err(Tokenizer::new(src, config));
    assert_eq!((e.0.as_str(), e.1, e.2), ("unexpected EOF while parsing", 1, 2));
    let e = err(Tokenizer::new("x = 1\0\n", config).file_input());
    assert_eq!(e, ("source code cannot contain null bytes".to_string(), 1, 0, Some("x = 1".to_string())));
}

/// Undecodable UTF-8 passes to the tokenizer as U+FFFD, each sequence recorded; the
/// messages are those of `bytes.decode('utf-8')` in the reference (e.g.
/// `tools/ref.sh -c "b'\xe4\xb8x'.decode()"`).
#[test]
fn lenient_decoding_and_utf8_messages() {
    let d = super::decode_source_lenient(b"x = 1\r\n# \xf6\ry = '\xe4\xb8'\n").unwrap();
    assert_eq!(d.text, "x = 1\n# \u{FFFD}\ny = '\u{FFFD}'\n");
    let at: Vec<(usize, Vec<u8>)> = d.undecodable.iter().map(|u| (u.at, u.bytes.clone())).collect();
    assert_eq!(at, vec![(8, vec![0xf6]), (17, vec![0xe4, 0xb8])]);
    assert_eq!(
        super::utf8_error_message(b"\xe4\xb8x").unwrap(),
        "'utf-8' codec can't decode bytes in position 0-1: invalid continuation byte"
    );
    assert_eq!(
        super::utf8_error_message(b"ab\xe4\xb8").unwrap(),
        "'utf-8' codec can't decode bytes in position 2-3: unexpected end of data"
    );
    assert_eq!(
        super::utf8_error_message(b"a\xf6b").unwrap(),
        "'utf-8' codec can't decode byte 0xf6 in position 1: invalid start byte"
    );
    assert_eq!(super::utf8_error_message(b"abc"), None);
}
