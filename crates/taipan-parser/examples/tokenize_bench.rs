//! Tokenizer throughput: `cargo run --release -p taipan-parser --example tokenize_bench DIR`
//! tokenizes every .py under DIR (site-packages excluded) in parser mode and in tokenize
//! mode, and prints MB/s.

use std::path::{Path, PathBuf};
use std::time::Instant;

use taipan_parser::tokenizer::{decode_source, TokenKind, Tokenizer, TokenizerConfig};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n != "site-packages") {
                walk(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "py") {
            out.push(p);
        }
    }
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: tokenize_bench DIR");
    let mut files = Vec::new();
    walk(Path::new(&dir), &mut files);
    let sources: Vec<String> = files
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .filter_map(|b| decode_source(&b).ok().map(|(_, s)| s.into_owned()))
        .collect();
    let bytes: usize = sources.iter().map(|s| s.len()).sum();
    for (label, extra) in [("parser mode", false), ("tokenize mode", true)] {
        let t0 = Instant::now();
        let mut tokens = 0usize;
        let mut errors = 0usize;
        for _ in 0..3 {
            for s in &sources {
                let mut tok = Tokenizer::new(s, TokenizerConfig { extra_tokens: extra, ..Default::default() });
                loop {
                    match tok.next_token() {
                        Ok(t) if t.kind == TokenKind::ENDMARKER => break,
                        Ok(_) => tokens += 1,
                        Err(_) => {
                            errors += 1;
                            break;
                        }
                    }
                }
            }
        }
        let dt = t0.elapsed().as_secs_f64() / 3.0;
        println!(
            "{label}: {} files, {:.1} MB, {} tokens, {} errors, {:.3} s, {:.0} MB/s",
            sources.len(),
            bytes as f64 / 1e6,
            tokens / 3,
            errors / 3,
            dt,
            bytes as f64 / 1e6 / dt
        );
    }
}
