//! Tokenizer + parser over arbitrary bytes: every input must give an AST or a
//! SyntaxError, never a panic, a hang or a stack overflow. Each input is tried in all
//! four modes, and tokenized with `extra_tokens` as `taipan explain tokens` does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use taipan_parser::parser::{parse_bytes, Mode};
use taipan_parser::tokenizer::{decode_source, TokenKind, Tokenizer, TokenizerConfig};

fuzz_target!(|data: &[u8]| {
    if let Ok((_, source)) = decode_source(data) {
        let config = TokenizerConfig { extra_tokens: true, ..Default::default() };
        let mut tokens = Tokenizer::new(&source, config);
        while let Ok(token) = tokens.next_token() {
            if token.kind == TokenKind::ENDMARKER {
                break;
            }
        }
    }
    for mode in [Mode::Exec, Mode::Eval, Mode::Single, Mode::FuncType] {
        let _ = parse_bytes(data, mode, "<fuzz>", true);
    }
});
