//! Size limits of the front end, run through the `taipan` binary: a generated
//! 1,000,000-line valid program compiles (its first statement then exits with status 3,
//! so the run proves the whole file went through the compiler) without crashing, and
//! deep nesting is an error, never a crash.

use std::process::Command;

fn taipan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_taipan"))
}

fn temp_file(name: &str, contents: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("taipan-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn million_line_file_parses() {
    let mut src = String::with_capacity(20 << 20);
    src.push_str("import sys; sys.exit(3)\n");
    let mut line = 1;
    let mut i = 0;
    while line < 1_000_000 {
        match i % 4 {
            0 => {
                src.push_str(&format!("v{i} = ({i} + 1) * 2\n"));
                line += 1;
            }
            1 => {
                src.push_str(&format!("def f{i}(a, b=1, *c, **d):\n    return a + b\n"));
                line += 2;
            }
            2 => {
                src.push_str("if v0:\n    x = [1, 2, 3]\nelse:\n    x = {'a': 1}\n");
                line += 4;
            }
            _ => {
                src.push_str(&format!("s{i} = f'{{v0!r:>10}}' 'tail'  # comment\n"));
                line += 1;
            }
        }
        i += 1;
    }
    let path = temp_file("million.py", src.as_bytes());
    let out = taipan().arg(&path).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "stderr: {stderr}");
    assert!(stderr.is_empty(), "stderr: {stderr}");
    let _ = std::fs::remove_file(path);
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    for (name, src) in [
        ("parens.py", "(".repeat(100_000)),
        ("minus.py", format!("{}1\n", "-".repeat(100_000))),
        ("brackets.py", format!("{}{}\n", "[".repeat(300), "]".repeat(300))),
        ("not.py", format!("{}x\n", "not ".repeat(50_000))),
    ] {
        let path = temp_file(name, src.as_bytes());
        let out = taipan().arg(&path).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        let _ = std::fs::remove_file(path);
    }
}
