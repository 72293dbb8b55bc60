//! `slice` objects and the index arithmetic of `PySlice_GetIndicesEx`.

use std::cell::Cell;

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::flags;
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::{none, str as pystr, type_};
use crate::vm::Vm;

pub struct PySlice {
    pub start: PyRef,
    pub stop: PyRef,
    pub step: PyRef,
}

impl PyPayload for PySlice {
    fn static_type() -> &'static PyTypeObject {
        &SLICE_TYPE
    }
}

pub static SLICE_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("slice"),
        tp_flags: Cell::new(flags::IMMUTABLETYPE),
        tp_dealloc: Cell::new(dealloc::<PySlice>),
        tp_repr: Cell::new(Some(slice_repr)),
        tp_new: Cell::new(Some(crate::types::slice_methods::slice_new)),
        tp_richcompare: Cell::new(Some(crate::types::slice_methods::slice_richcompare)),
        tp_hash: Cell::new(Some(crate::types::slice_methods::slice_hash)),
        tp_getset: crate::types::slice_methods::SLICE_GETSET,
        tp_methods: crate::types::slice_methods::SLICE_METHODS,
        ..PyTypeData::BASE
    },
));

pub fn new_slice(start: PyRef, stop: PyRef, step: PyRef) -> PyRef {
    alloc_object(&SLICE_TYPE, PySlice { start, stop, step })
}

fn opt_index(vm: &Vm, o: &PyObject) -> PyResult<Option<isize>> {
    if o.is(none::none_ref()) {
        return Ok(None);
    }
    crate::protocol::index_as_isize_for(vm, o, "slice indices must be integers or None or have an __index__ method")
        .map(Some)
}

impl PySlice {
    /// `(start, stop, step)` with None as `None` (for the unicode layer's own clamping).
    pub fn indices_opt(&self, vm: &Vm) -> PyResult<(Option<isize>, Option<isize>, Option<isize>)> {
        let step = opt_index(vm, &self.step)?;
        if step == Some(0) {
            return Err(vm.value_error("slice step cannot be zero"));
        }
        Ok((opt_index(vm, &self.start)?, opt_index(vm, &self.stop)?, step))
    }

    /// `slice.indices(len)`: clamped `(start, stop, step, slicelength)`.
    pub fn adjust(&self, vm: &Vm, len: usize) -> PyResult<(isize, isize, isize, usize)> {
        let (start, stop, step) = self.indices_opt(vm)?;
        Ok(adjust_indices(start, stop, step, len))
    }

    /// The selected items of a sequence.
    pub fn select(&self, vm: &Vm, items: &[PyRef]) -> PyResult<Vec<PyRef>> {
        let (start, _, step, n) = self.adjust(vm, items.len())?;
        Ok((0..n).map(|k| items[(start + k as isize * step) as usize].clone()).collect())
    }
}

fn slice_repr(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let s = o.downcast::<PySlice>().unwrap();
    Ok(pystr::new_str(&format!(
        "slice({}, {}, {})",
        crate::protocol::repr_string(vm, &s.start)?,
        crate::protocol::repr_string(vm, &s.stop)?,
        crate::protocol::repr_string(vm, &s.step)?
    )))
}

/// `PySlice_AdjustIndices`: clamp unpacked slice bounds to a length; returns
/// `(start, stop, step, slicelength)`. Runs no Python code.
pub fn adjust_indices(start: Option<isize>, stop: Option<isize>, step: Option<isize>, len: usize) -> (isize, isize, isize, usize) {
    let step = step.unwrap_or(1);
    let n = len as isize;
    let clamp = |v: Option<isize>, default: isize| -> isize {
        match v {
            None => default,
            Some(mut x) => {
                if x < 0 {
                    x += n;
                    if x < 0 {
                        x = if step < 0 { -1 } else { 0 };
                    }
                } else if x >= n {
                    x = if step < 0 { n - 1 } else { n };
                }
                x
            }
        }
    };
    let (start, stop) = if step > 0 { (clamp(start, 0), clamp(stop, n)) } else { (clamp(start, n - 1), clamp(stop, -1)) };
    let slicelen = if step > 0 {
        if stop > start { ((stop - start - 1) / step + 1) as usize } else { 0 }
    } else if stop < start {
        ((start - stop - 1) / (-step) + 1) as usize
    } else {
        0
    };
    (start, stop, step, slicelen)
}
