//! Unit tests of the tokenizer (goldens from the reference come with
//! `tools/gen_token_goldens.sh`).
