//! marshal.loads over arbitrary bytes: every input must give a value or a MarshalError,
//! never a panic, a hang or a stack overflow; a value must also dump without panicking,
//! and what it dumps must load back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use taipan_bytecode::marshal;

fuzz_target!(|data: &[u8]| {
    if let Ok(value) = marshal::loads(data) {
        if let Ok(bytes) = marshal::dumps(&value) {
            assert_eq!(marshal::loads(&bytes).ok(), Some(value));
        }
    }
});
