//! The instruction table against the reference: goldens written by
//! `tools/ref.sh tools/gen_bytecode_golden.py` from CPython 3.13's `opcode`, `_opcode` and
//! `dis.stack_effect`.

use std::path::{Path, PathBuf};
use taipan_bytecode::opcode::{self, stack_effect, Opcode};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn golden(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/golden")
            .join(name),
    )
    .unwrap()
}

fn flags_of(op: Opcode) -> String {
    let mut v = Vec::new();
    let checks: [(&str, bool); 7] = [
        ("arg", op.has_arg()),
        ("const", op.has_const()),
        ("name", op.has_name()),
        ("jump", op.has_jump()),
        ("local", op.has_local()),
        ("free", op.has_free()),
        ("exc", op.has_exc()),
    ];
    for (name, yes) in checks {
        if yes {
            v.push(name);
        }
    }
    if v.is_empty() {
        "-".into()
    } else {
        v.join(",")
    }
}

#[test]
fn table_equals_reference_opcodes() {
    let text = golden("opcodes.txt");
    let mut expected_valid = Vec::new();
    let mut cache_format = Vec::new();
    for line in text.lines().filter(|l| l.starts_with("cache_format ")) {
        cache_format.push(line.to_string());
    }
    let ours: Vec<String> = opcode::CACHE_FORMAT
        .iter()
        .map(|(op, fields)| {
            let f: Vec<String> = fields.iter().map(|(n, k)| format!("{n}={k}")).collect();
            format!("cache_format {} {}", op.name(), f.join(" "))
        })
        .collect();
    assert_eq!(ours, cache_format);
    for (op, fields) in opcode::CACHE_FORMAT {
        let units: usize = fields.iter().map(|(_, k)| *k as usize).sum();
        assert_eq!(units, op.cache_entries(), "{op:?}");
    }
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("cache_format "))
    {
        let f: Vec<&str> = line.split(' ').collect();
        let num: u16 = f[0].parse().unwrap();
        expected_valid.push(num);
        let op = Opcode(num);
        let info = op.info().unwrap_or_else(|| panic!("opcode {num} missing"));
        let specs: Vec<&str> = info
            .specializations
            .iter()
            .map(|s| s.info().unwrap().name)
            .collect();
        let specs = if specs.is_empty() {
            "-".to_string()
        } else {
            specs.join(",")
        };
        let ours = format!(
            "{} {} cache={} flags={} deopt={} specializations={}",
            num,
            info.name,
            info.cache_entries,
            flags_of(op),
            op.deopt().name(),
            specs
        );
        assert_eq!(ours, line);
        assert_eq!(Opcode::from_name(info.name), Some(op));
    }
    let ours_valid: Vec<u16> = (0..=opcode::MAX_OPCODE)
        .filter(|&n| Opcode(n).is_valid())
        .collect();
    assert_eq!(ours_valid, expected_valid);
}

/// Expand `a/d*k` and `E*k` runs into one value per oparg.
fn expand(runs: &str) -> Vec<Option<i64>> {
    let mut out = Vec::new();
    for run in runs.split(' ') {
        let (head, count) = run.split_once('*').unwrap();
        let count: usize = count.parse().unwrap();
        if head == "E" {
            out.extend(std::iter::repeat_n(None, count));
        } else {
            let (start, step) = head.split_once('/').unwrap();
            let (start, step): (i64, i64) = (start.parse().unwrap(), step.parse().unwrap());
            out.extend((0..count as i64).map(|i| Some(start + step * i)));
        }
    }
    out
}

#[test]
fn stack_effect_equals_dis_stack_effect() {
    let text = golden("stack_effect.txt");
    let mut checked = 0;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.splitn(4, ' ').collect();
        let op = Opcode(f[0].parse().unwrap());
        let jump = match f[1] {
            "jump=None" => None,
            "jump=True" => Some(true),
            "jump=False" => Some(false),
            other => panic!("bad golden field {other}"),
        };
        let none = f[2].strip_prefix("none=").unwrap();
        let none = if none == "E" {
            None
        } else {
            Some(none.parse::<i64>().unwrap())
        };
        // oparg=None means 0 to the reference.
        assert_eq!(
            stack_effect(op, 0, jump).map(|e| e.net()),
            none,
            "{op:?} oparg=None jump={jump:?}"
        );
        let values = expand(f[3].strip_prefix("args=").unwrap());
        assert_eq!(values.len(), 301);
        for (oparg, want) in values.into_iter().enumerate() {
            let got = stack_effect(op, oparg as i32, jump);
            assert_eq!(
                got.map(|e| e.net()),
                want,
                "{op:?} oparg={oparg} jump={jump:?}"
            );
            if let Some(e) = got {
                assert!(e.popped >= 0 && e.pushed >= 0, "{op:?} {oparg}: {e:?}");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, (opcode::MAX_OPCODE as usize + 1) * 3 * 301);
}

/// The generated table and the goldens are what the reference produces now.
#[test]
fn generated_files_are_fresh() {
    let root = repo_root();
    let which = std::process::Command::new(root.join("tools/ref.sh"))
        .arg("--which")
        .output();
    if !matches!(&which, Ok(o) if o.status.success()) {
        eprintln!("skipped: no reference CPython 3.13 (tools/ref.sh --which)");
        return;
    }
    for script in ["tools/gen_opcodes.py", "tools/gen_bytecode_golden.py"] {
        let status = std::process::Command::new(root.join("tools/ref.sh"))
            .arg(root.join(script))
            .arg("--check")
            .status()
            .unwrap();
        assert!(
            status.success(),
            "{script} --check: generated file is stale"
        );
    }
}
