//! `PyResult<T> = Result<T, PyErr>`: how a raised Python exception travels through Rust.
//!
//! A [`PyErr`] owns the exception instance (always normalized: CPython's lazy
//! `(type, value)` pairs are not needed because creating an instance is cheap here).
//! Hot paths that end without an exception — a for-loop's exhausted iterator, a dict miss —
//! return `Option`s instead, so no exception object is ever made for them.

use crate::object::{PyObject, PyRef, PyTypeObject};

pub struct PyErr {
    exc: PyRef,
}

pub type PyResult<T = PyRef> = Result<T, PyErr>;

impl PyErr {
    /// Wrap an exception instance (a BaseException).
    pub fn from_instance(exc: PyRef) -> PyErr {
        PyErr { exc }
    }

    /// The exception instance.
    pub fn value(&self) -> &PyObject {
        &self.exc
    }

    pub fn into_value(self) -> PyRef {
        self.exc
    }

    /// The exception's type.
    pub fn exc_type(&self) -> &PyTypeObject {
        self.exc.ob_type()
    }

    /// `PyErr_ExceptionMatches` against a single class (subclasses match).
    pub fn matches(&self, tp: &PyTypeObject) -> bool {
        self.exc.ob_type().is_subtype(tp)
    }
}

impl std::fmt::Debug for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PyErr({})", self.exc.ob_type().name())
    }
}
