//! `taipan FILE ARGS…` and `taipan -c CMD`, as `python3.13` runs them.

use std::process::ExitCode;

pub fn main(_args: &[String]) -> ExitCode {
    eprintln!("taipan: running programs is not built yet");
    ExitCode::from(2)
}
