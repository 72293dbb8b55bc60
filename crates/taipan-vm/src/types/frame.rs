//! `frame` objects: made lazily for a running [`InterpreterFrame`] (tracebacks,
//! `sys._getframe`). While the frame runs the object reads it live; when the frame exits
//! the object keeps what it needs (line, back link) and forgets the pointer.

use std::cell::{Cell, RefCell};

use crate::error::PyResult;
use crate::eval::frame::InterpreterFrame;
use crate::object::inner::dealloc;
use crate::object::typeobj::flags;
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::descr::GetSetDef;
use crate::types::{int, none, str as pystr, type_};
use crate::vm::Vm;

pub struct PyFrame {
    /// The running frame, or null once it exited.
    pub iframe: Cell<*mut InterpreterFrame>,
    pub code: PyRef,
    pub globals: PyRef,
    pub builtins: PyRef,
    pub locals: RefCell<Option<PyRef>>,
    /// `f_lasti / 2` once the frame exited.
    pub lasti: Cell<usize>,
    pub back: RefCell<Option<PyRef>>,
}

impl PyPayload for PyFrame {
    fn static_type() -> &'static PyTypeObject {
        &FRAME_TYPE
    }
}

pub static FRAME_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("frame"),
        tp_flags: Cell::new(flags::IMMUTABLETYPE),
        tp_dealloc: Cell::new(dealloc::<PyFrame>),
        tp_repr: Cell::new(Some(frame_repr)),
        tp_getset: FRAME_GETSET,
        ..PyTypeData::BASE
    },
));

static FRAME_GETSET: &[GetSetDef] = &[
    GetSetDef::new("f_code", f_code, None),
    GetSetDef::new("f_globals", f_globals, None),
    GetSetDef::new("f_builtins", f_builtins, None),
    GetSetDef::new("f_lineno", f_lineno, None),
    GetSetDef::new("f_lasti", f_lasti, None),
    GetSetDef::new("f_back", f_back, None),
    GetSetDef::new("f_locals", f_locals, None),
];

/// The frame object of a running frame (created on first request).
pub fn frame_object(vm: &Vm, f: &mut InterpreterFrame) -> PyRef {
    if let Some(o) = &f.frame_obj {
        return o.clone();
    }
    let _ = vm;
    let o = alloc_object(
        &FRAME_TYPE,
        PyFrame {
            iframe: Cell::new(f as *mut InterpreterFrame),
            code: f.code.clone(),
            globals: f.globals.clone(),
            builtins: f.builtins.clone(),
            locals: RefCell::new(f.locals.clone()),
            lasti: Cell::new(f.instr),
            back: RefCell::new(None),
        },
    );
    f.frame_obj = Some(o.clone());
    o
}

/// Called when `f` exits: its frame object (if any) keeps the final state.
pub fn frame_exiting(f: &mut InterpreterFrame) {
    let Some(o) = &f.frame_obj else { return };
    let fo = o.downcast::<PyFrame>().unwrap();
    fo.lasti.set(f.instr);
    if fo.back.borrow().is_none() && !f.previous.is_null() {
        // SAFETY: the caller frame is live while its callee exits.
        let prev = unsafe { &mut *f.previous };
        let back = frame_object_noalloc(prev);
        *fo.back.borrow_mut() = back;
    }
    fo.iframe.set(std::ptr::null_mut());
}

fn frame_object_noalloc(f: &mut InterpreterFrame) -> Option<PyRef> {
    let vm_less = f.frame_obj.clone();
    if vm_less.is_some() {
        return vm_less;
    }
    let o = alloc_object(
        &FRAME_TYPE,
        PyFrame {
            iframe: Cell::new(f as *mut InterpreterFrame),
            code: f.code.clone(),
            globals: f.globals.clone(),
            builtins: f.builtins.clone(),
            locals: RefCell::new(f.locals.clone()),
            lasti: Cell::new(f.instr),
            back: RefCell::new(None),
        },
    );
    f.frame_obj = Some(o.clone());
    Some(o)
}

fn fr(o: &PyObject) -> &PyFrame {
    o.downcast::<PyFrame>().unwrap()
}

fn current_instr(f: &PyFrame) -> usize {
    let p = f.iframe.get();
    if p.is_null() {
        f.lasti.get()
    } else {
        // SAFETY: non-null while the frame runs.
        unsafe { (*p).instr }
    }
}

/// The line the frame is executing (`f_lineno`).
pub fn frame_lineno(f: &PyObject) -> i32 {
    let fo = fr(f);
    let code = crate::types::code::as_code(&fo.code);
    taipan_bytecode::location::addr2line(&code.code, current_instr(fo) * 2).unwrap_or(code.code.firstlineno)
}

fn frame_repr(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let f = fr(o);
    let code = crate::types::code::as_code(&f.code);
    Ok(pystr::new_str(&format!(
        "<frame at {:#x}, file '{}', line {}, code {}>",
        o.addr(),
        pystr::to_string(&code.filename),
        frame_lineno(o),
        pystr::to_string(&code.name)
    )))
}

fn f_code(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(fr(o).code.clone())
}
fn f_globals(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(fr(o).globals.clone())
}
fn f_builtins(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(fr(o).builtins.clone())
}
fn f_lineno(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(int::new_int(frame_lineno(o) as i64))
}
fn f_lasti(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(int::new_int(current_instr(fr(o)) as i64 * 2))
}
fn f_back(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let f = fr(o);
    let p = f.iframe.get();
    if !p.is_null() {
        // SAFETY: non-null while the frame runs; its caller is live too.
        let prev = unsafe { (*p).previous };
        if prev.is_null() {
            return Ok(none::none());
        }
        return Ok(frame_object_noalloc(unsafe { &mut *prev }).unwrap());
    }
    Ok(f.back.borrow().clone().unwrap_or_else(none::none))
}
fn f_locals(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let f = fr(o);
    if let Some(l) = f.locals.borrow().clone() {
        return Ok(l);
    }
    // Function frames: a snapshot dict of the bound locals (PEP 667's proxy is to come).
    let p = f.iframe.get();
    if p.is_null() {
        return Ok(crate::types::dict::new_dict());
    }
    // SAFETY: non-null while the frame runs.
    Ok(fast_locals_dict(unsafe { &*p }))
}

/// A new dict of the bound fast locals, cells and free variables of a running function
/// frame (what `locals()` returns in a function in 3.13, PEP 667).
pub fn fast_locals_dict(iframe: &InterpreterFrame) -> PyRef {
    use taipan_bytecode::code::kinds::{CO_FAST_CELL, CO_FAST_FREE};
    let d = crate::types::dict::new_dict();
    let code = iframe.code();
    for (i, slot) in iframe.locals_slice().iter().enumerate() {
        if code.code.localspluskinds[i] & taipan_bytecode::code::kinds::CO_FAST_HIDDEN != 0 {
            continue;
        }
        if let Some(v) = slot {
            let v = match v.downcast::<crate::types::cell::PyCell>() {
                Some(c) if code.code.localspluskinds[i] & (CO_FAST_CELL | CO_FAST_FREE) != 0 => match c.contents.borrow().clone() {
                    Some(x) => x,
                    None => continue,
                },
                _ => v.clone(),
            };
            let name = &code.localsplusnames[i];
            crate::types::dict::set_item_hashed_nocmp(&d, name, crate::types::str::str_hash_value(name), &v);
        }
    }
    d
}
