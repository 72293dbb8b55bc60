//! Unit tests of the parser proper are in `tests/` (reference-generated dumps); this
//! module holds small checks that need no tokenizer.
