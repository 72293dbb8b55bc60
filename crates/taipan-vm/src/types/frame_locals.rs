//! `FrameLocalsProxy` (PEP 667): what `frame.f_locals` returns for a function frame. A
//! write-through view of the frame's variables: reads build a fresh dict of the bound
//! variables (see [`frame_variables`]) plus the frame's extra locals, so every read sees
//! the frame's current state; writes store into the variable's slot (or cell), or into
//! the extra-locals dict for a name the code does not know.

use std::cell::Cell;

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::{flags, CompareOp};
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::protocol;
use crate::types::frame::{frame_variables, set_frame_variable, PyFrame};
use crate::types::function::MethodDef;
use crate::types::{dict, none, str as pystr, type_};
use crate::vm::Vm;

pub struct PyFrameLocalsProxy {
    pub frame: PyRef,
}

impl PyPayload for PyFrameLocalsProxy {
    fn static_type() -> &'static PyTypeObject {
        &FRAME_LOCALS_PROXY_TYPE
    }
}

pub static FRAME_LOCALS_PROXY_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("FrameLocalsProxy"),
        tp_flags: Cell::new(flags::IMMUTABLETYPE | flags::MAPPING),
        tp_dealloc: Cell::new(dealloc::<PyFrameLocalsProxy>),
        tp_repr: Cell::new(Some(flp_repr)),
        tp_iter: Cell::new(Some(flp_iter)),
        tp_richcompare: Cell::new(Some(flp_richcompare)),
        tp_as_mapping: crate::object::typeobj::MappingSlots {
            mp_length: Cell::new(Some(flp_len)),
            mp_subscript: Cell::new(Some(flp_getitem)),
            mp_ass_subscript: Cell::new(Some(flp_setitem)),
        },
        tp_as_sequence: crate::object::typeobj::SequenceSlots {
            sq_contains: Cell::new(Some(flp_contains)),
            ..crate::object::typeobj::SequenceSlots::EMPTY
        },
        tp_methods: METHODS,
        ..PyTypeData::BASE
    },
));

static METHODS: &[MethodDef] = &[
    MethodDef::method("get", flp_get),
    MethodDef::method("keys", flp_keys),
    MethodDef::method("values", flp_values),
    MethodDef::method("items", flp_items),
    MethodDef::method("copy", flp_copy),
    MethodDef::method("update", flp_update),
    MethodDef::method("setdefault", flp_setdefault),
];

/// `frame.f_locals` of a function frame.
pub fn new_proxy(frame: PyRef) -> PyRef {
    alloc_object(&FRAME_LOCALS_PROXY_TYPE, PyFrameLocalsProxy { frame })
}

fn frame_of(o: &PyObject) -> &PyRef {
    &o.downcast::<PyFrameLocalsProxy>().expect("a FrameLocalsProxy").frame
}

fn pyframe(o: &PyObject) -> &PyFrame {
    frame_of(o).downcast::<PyFrame>().expect("a frame")
}

/// A new dict of the frame's bound variables and extra locals (also `locals()` in 3.13).
pub fn snapshot(vm: &Vm, frame: &PyObject) -> PyResult<PyRef> {
    let d = dict::new_dict();
    let f = frame.downcast::<PyFrame>().expect("a frame");
    let code = crate::types::code::as_code(&f.code);
    for (i, v) in frame_variables(frame) {
        dict::set_item(vm, &d, &code.localsplusnames[i], &v)?;
    }
    let extra = f.extra_locals.borrow().clone();
    if let Some(extra) = extra {
        for (k, v) in dict::items(&extra) {
            dict::set_item(vm, &d, &k, &v)?;
        }
    }
    Ok(d)
}

fn snap(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    snapshot(vm, frame_of(o))
}

/// The index of variable `key` among the code's (visible) variables.
fn variable_index(o: &PyObject, key: &PyObject) -> Option<usize> {
    let key = pystr::downcast_str(key)?;
    let f = pyframe(o);
    let code = crate::types::code::as_code(&f.code);
    code.localsplusnames.iter().enumerate().position(|(i, n)| {
        code.code.localspluskinds[i] & taipan_bytecode::code::kinds::CO_FAST_HIDDEN == 0
            && pystr::downcast_str(n).is_some_and(|n| n == key)
    })
}

fn flp_repr(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    // Each read makes a new dict, so the recursion guard is the proxy's frame.
    let f = frame_of(o);
    if !protocol::repr_enter(vm, f) {
        return Ok(pystr::new_str("{...}"));
    }
    let r = snap(vm, o).and_then(|d| protocol::repr(vm, &d));
    protocol::repr_leave(vm, f);
    r
}
fn flp_iter(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let d = snap(vm, o)?;
    protocol::getiter(vm, &crate::types::list::new_list(dict::keys(&d)))
}
fn flp_len(vm: &Vm, o: &PyObject) -> PyResult<usize> {
    protocol::len(vm, &*snap(vm, o)?)
}
fn flp_getitem(vm: &Vm, o: &PyObject, k: &PyObject) -> PyResult<PyRef> {
    match dict::get_item(vm, &*snap(vm, o)?, k)? {
        Some(v) => Ok(v),
        None => {
            let r = protocol::repr_string(vm, k)?;
            Err(vm.key_error(pystr::new_str(&format!("local variable '{r}' is not defined"))))
        }
    }
}
fn flp_setitem(vm: &Vm, o: &PyObject, k: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    let Some(v) = v else {
        return Err(vm.type_error("cannot remove variables from FrameLocalsProxy"));
    };
    if let Some(i) = variable_index(o, k) {
        set_frame_variable(frame_of(o), i, v.to_ref());
        return Ok(());
    }
    if pystr::downcast_str(k).is_none() {
        return Err(vm.type_error("key must be a string"));
    }
    let f = pyframe(o);
    let extra = f.extra_locals.borrow().clone();
    let extra = match extra {
        Some(e) => e,
        None => {
            let e = dict::new_dict();
            *f.extra_locals.borrow_mut() = Some(e.clone());
            e
        }
    };
    dict::set_item(vm, &extra, k, v)
}
fn flp_contains(vm: &Vm, o: &PyObject, k: &PyObject) -> PyResult<bool> {
    Ok(dict::get_item(vm, &*snap(vm, o)?, k)?.is_some())
}
fn flp_richcompare(vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let b = match b.downcast::<PyFrameLocalsProxy>() {
        Some(_) => snap(vm, b)?,
        None => b.to_ref(),
    };
    protocol::richcompare(vm, &*snap(vm, a)?, &b, op)
}

fn forward(vm: &Vm, name: &str, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let d = snap(vm, &args[0])?;
    let m = protocol::getattr_str(vm, &d, name)?;
    protocol::call(vm, &m, &args[1..], kw)
}
fn flp_get(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    forward(vm, "get", args, kw)
}
fn flp_keys(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    forward(vm, "keys", args, kw)
}
fn flp_values(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    forward(vm, "values", args, kw)
}
fn flp_items(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    forward(vm, "items", args, kw)
}
fn flp_copy(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "copy", kw)?;
    snap(vm, &args[0])
}
fn flp_update(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "update", kw)?;
    crate::types::function::check_arity(vm, "update", &args[1..], 1, 1)?;
    let d = dict::new_dict();
    let upd = protocol::getattr_str(vm, &d, "update")?;
    protocol::call(vm, &upd, &args[1..2], &[])?;
    for (k, v) in dict::items(&d) {
        flp_setitem(vm, &args[0], &k, Some(&v))?;
    }
    Ok(none::none())
}
fn flp_setdefault(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "setdefault", kw)?;
    crate::types::function::check_arity(vm, "setdefault", &args[1..], 1, 2)?;
    if let Some(v) = dict::get_item(vm, &*snap(vm, &args[0])?, &args[1])? {
        return Ok(v);
    }
    let v = args.get(2).cloned().unwrap_or_else(none::none);
    flp_setitem(vm, &args[0], &args[1], Some(&v))?;
    Ok(v)
}
