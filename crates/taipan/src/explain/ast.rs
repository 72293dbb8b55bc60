//! `taipan explain ast [-m MODE] [--no-type-comments] [-a] [-i N] [FILE]` =
//! `python3.13 -m ast …`.

use std::process::ExitCode;

pub fn main(_args: &[String]) -> ExitCode {
    eprintln!("taipan explain ast: not built yet");
    ExitCode::from(2)
}
