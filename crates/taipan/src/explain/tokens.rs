//! `taipan explain tokens [-e] [FILE]` = `python3.13 -m tokenize [-e] [FILE]`.

use std::process::ExitCode;

pub fn main(_args: &[String]) -> ExitCode {
    eprintln!("taipan explain tokens: not built yet");
    ExitCode::from(2)
}
