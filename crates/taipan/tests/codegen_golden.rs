//! `taipan explain codegen` against the reference's code generator: for every
//! tests/codegen/NAME.py, the output at -O0 and -OO must equal NAME.O0 / NAME.O2, which
//! `tools/ref.sh tools/gen_codegen_goldens.py` writes from CPython 3.13's
//! `_testinternalcapi.compiler_codegen` (the whole-Lib comparison is
//! tools/conformance/codegen.py).

use std::path::Path;
use std::process::Command;

#[test]
fn codegen_matches_reference_goldens() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/codegen");
    let mut failures = Vec::new();
    let mut n = 0;
    let mut entries: Vec<_> = std::fs::read_dir(&dir).expect("tests/codegen").flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.extension().and_then(|e| e.to_str()) != Some("py") {
            continue;
        }
        for (flag, suffix) in [(None, "O0"), (Some("-OO"), "O2")] {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_taipan"));
            cmd.arg("explain").arg("codegen");
            if let Some(f) = flag {
                cmd.arg(f);
            }
            let out = cmd.arg(&path).output().expect("run taipan");
            let want = std::fs::read_to_string(path.with_extension(suffix)).expect("golden");
            n += 1;
            if String::from_utf8_lossy(&out.stdout) != want {
                failures.push(format!("{} ({suffix})", path.display()));
            }
        }
    }
    assert!(n > 0, "no goldens found");
    assert!(failures.is_empty(), "codegen differs from the reference for: {failures:?}");
}
