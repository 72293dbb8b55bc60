//! The whole front end and compiler over arbitrary bytes: tokenize (as `taipan explain
//! tokens`), parse in every mode, and compile what parses in exec mode at -O0 and -OO.
//! Every input must end in a code object or a clean error: no panic, hang or overflow.
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
    for mode in [Mode::Eval, Mode::Single, Mode::FuncType] {
        let _ = parse_bytes(data, mode, "<fuzz>", true);
    }
    if let Ok(module) = parse_bytes(data, Mode::Exec, "<fuzz>", false) {
        for optimize in [0, 2] {
            let _ = taipan_compiler::compile(&module, "<fuzz>", optimize);
        }
    }
});
