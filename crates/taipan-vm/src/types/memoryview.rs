//! `memoryview`: not written yet; these hooks let bytes and bytearray accept one once it
//! exists.

use crate::object::PyObject;

/// The bytes a memoryview shows (None: not a memoryview).
pub fn memoryview_bytes(_o: &PyObject) -> Option<Vec<u8>> {
    None
}

/// Whether `o` is a memoryview.
pub fn is_memoryview(_o: &PyObject) -> bool {
    false
}
