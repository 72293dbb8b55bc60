//! `taipan compile -j N`: the .pyc files written on several threads are byte-identical to
//! those of one thread, and errors are reported in the order of the files.

use std::process::Command;

fn taipan() -> Command {
    Command::new(env!("CARGO_BIN_EXE_taipan"))
}

#[test]
fn parallel_compile_matches_sequential() {
    let dir = std::env::temp_dir().join(format!("taipan-compile-jobs-{}", std::process::id()));
    let src = dir.join("src");
    std::fs::create_dir_all(&src).unwrap();
    let mut files = Vec::new();
    for i in 0..24 {
        let p = src.join(format!("m{i}.py"));
        let body = match i {
            5 => "x = (\n".to_string(),
            17 => "def f(:\n".to_string(),
            _ => format!("def f{i}(a, b={i}):\n    return [a * k for k in range(b)]\nclass C{i}:\n    y = {i}\n"),
        };
        std::fs::write(&p, body).unwrap();
        files.push(p.to_str().unwrap().to_string());
    }
    let run = |jobs: &str, out: &str| {
        let o = taipan().args(["compile", "-j", jobs, "-d", dir.join(out).to_str().unwrap()]).args(&files).output().unwrap();
        (o.status.code(), String::from_utf8(o.stderr).unwrap())
    };
    let (s1, e1) = run("1", "one");
    let (s4, e4) = run("4", "four");
    assert_eq!(s1, Some(1));
    assert_eq!(s4, Some(1));
    assert_eq!(e1, e4, "errors in file order");
    assert!(e1.find("m5.py").unwrap() < e1.find("m17.py").unwrap());
    for (i, f) in files.iter().enumerate() {
        let rel = format!("{}c", f.trim_start_matches('/'));
        let a = std::fs::read(dir.join("one").join(&rel));
        let b = std::fs::read(dir.join("four").join(&rel));
        if i == 5 || i == 17 {
            assert!(a.is_err() && b.is_err(), "no .pyc for a file that does not compile");
        } else {
            assert_eq!(a.unwrap(), b.unwrap(), "{f}");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
