//! The parser's valid corpus: every resources/valid/NAME.py parses to exactly the dump
//! the reference CPython gave (NAME.ast and its variants, written by
//! `tools/ref.sh tools/gen_parser_goldens.py`).

use std::path::PathBuf;

use taipan_parser::ast::dump;
use taipan_parser::parser::{parse_bytes, parse_bytes_with_warnings, Mode};

fn mode_of(name: &str) -> Mode {
    if name.starts_with("eval_") {
        Mode::Eval
    } else if name.starts_with("single_") {
        Mode::Single
    } else if name.starts_with("functype_") {
        Mode::FuncType
    } else {
        Mode::Exec
    }
}

/// (suffix, type_comments, include_attributes, indent), as in gen_parser_goldens.py.
fn variants(name: &str) -> Vec<(&'static str, bool, bool, usize)> {
    let mut v = vec![("", true, true, 3)];
    match name {
        "type_comments" => v.push((".notc", false, true, 3)),
        "statements" => {
            v.push((".i1", true, false, 1));
            v.push((".i0", true, false, 0));
        }
        "functions" => v.push((".noattr", true, false, 3)),
        _ => {}
    }
    v
}

#[test]
fn valid_corpus_matches_reference() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("resources/valid");
    let mut failures = Vec::new();
    let mut count = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.extension().and_then(|e| e.to_str()) != Some("py") {
            continue;
        }
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let source = std::fs::read(&path).unwrap();
        for (suffix, tc, attrs, indent) in variants(&name) {
            count += 1;
            let expected = std::fs::read_to_string(dir.join(format!("{name}{suffix}.ast"))).unwrap();
            let got = match parse_bytes(&source, mode_of(&name), &format!("{name}.py"), tc) {
                Ok(tree) => dump(&tree, attrs, Some(indent)) + "\n",
                Err(e) => format!("error: {e}\n"),
            };
            if got != expected {
                let line = got
                    .lines()
                    .zip(expected.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(got.lines().count().min(expected.lines().count()));
                failures.push(format!(
                    "{name}{suffix}: first difference at line {}: got {:?} expected {:?}",
                    line + 1,
                    got.lines().nth(line),
                    expected.lines().nth(line)
                ));
            }
        }
        let warn_path = dir.join(format!("{name}.warnings"));
        let expected_warnings = std::fs::read_to_string(&warn_path).unwrap_or_default();
        let (_, warnings) = parse_bytes_with_warnings(&source, mode_of(&name), &format!("{name}.py"), true);
        let got: String = warnings.iter().map(|w| format!("{}: {}\n", w.lineno, w.msg)).collect();
        if got != expected_warnings {
            failures.push(format!("{name}: warnings differ:\n{got}--- expected:\n{expected_warnings}"));
        }
    }
    assert!(count > 10);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
