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
    /// The fast locals, cells and free variables, kept when the frame exits (CPython's
    /// frame object takes over its frame's data) so `tb_frame.f_locals` still reads them;
    /// `clear()` drops them.
    pub snapshot: RefCell<Option<Vec<Option<PyRef>>>>,
    /// Names written through `f_locals` that are not variables of the code (PEP 667's
    /// `f_extra_locals`).
    pub extra_locals: RefCell<Option<PyRef>>,
    /// `f_trace`, `f_trace_lines`, `f_trace_opcodes`.
    pub trace: RefCell<Option<PyRef>>,
    pub trace_lines: Cell<bool>,
    pub trace_opcodes: Cell<bool>,
    /// Tracing state (eval/trace.rs): the line last reported, the previous instruction.
    pub trace_line: Cell<i32>,
    pub trace_prev: Cell<usize>,
    /// Profiling: the built-in being called from this frame (`c_return` is due).
    pub trace_pending_c: RefCell<Option<PyRef>>,
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
        tp_methods: FRAME_METHODS,
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
    GetSetDef::new("f_trace", f_trace, Some(set_f_trace)),
    GetSetDef::new("f_trace_lines", f_trace_lines, Some(set_f_trace_lines)),
    GetSetDef::new("f_trace_opcodes", f_trace_opcodes, Some(set_f_trace_opcodes)),
    GetSetDef::new("f_generator", f_generator, None),
];

static FRAME_METHODS: &[crate::types::function::MethodDef] = &[
    crate::types::function::MethodDef::method("clear", frame_clear),
    crate::types::function::MethodDef::method("__sizeof__", frame_sizeof),
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
            snapshot: RefCell::new(None),
            extra_locals: RefCell::new(None),
            trace: RefCell::new(None),
            trace_lines: Cell::new(true),
            trace_opcodes: Cell::new(false),
            trace_line: Cell::new(-1),
            trace_prev: Cell::new(0),
            trace_pending_c: RefCell::new(None),
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
    if f.locals.is_none() {
        *fo.snapshot.borrow_mut() = Some(f.locals_slice().to_vec());
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
            snapshot: RefCell::new(None),
            extra_locals: RefCell::new(None),
            trace: RefCell::new(None),
            trace_lines: Cell::new(true),
            trace_opcodes: Cell::new(false),
            trace_line: Cell::new(-1),
            trace_prev: Cell::new(0),
            trace_pending_c: RefCell::new(None),
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
    Ok(crate::types::frame_locals::new_proxy(o.to_ref()))
}

fn f_trace(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(fr(o).trace.borrow().clone().unwrap_or_else(none::none))
}
fn set_f_trace(_vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    let v = v.filter(|v| !v.is(none::none_ref())).map(|v| v.to_ref());
    let old = fr(o).trace.replace(v);
    drop(old);
    Ok(())
}
fn f_trace_lines(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(none::bool_(fr(o).trace_lines.get()))
}
fn set_f_trace_lines(vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    match v.filter(|v| std::ptr::eq(v.ob_type(), &*int::BOOL_TYPE)) {
        Some(v) => {
            fr(o).trace_lines.set(crate::protocol::is_true(vm, v)?);
            Ok(())
        }
        None => Err(vm.type_error("attribute value type must be bool")),
    }
}
fn f_trace_opcodes(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(none::bool_(fr(o).trace_opcodes.get()))
}
fn set_f_trace_opcodes(vm: &Vm, o: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    match v.filter(|v| std::ptr::eq(v.ob_type(), &*int::BOOL_TYPE)) {
        Some(v) => {
            fr(o).trace_opcodes.set(crate::protocol::is_true(vm, v)?);
            Ok(())
        }
        None => Err(vm.type_error("attribute value type must be bool")),
    }
}
fn f_generator(_vm: &Vm, _o: &PyObject) -> PyResult<PyRef> {
    Ok(none::none())
}

/// `frame.clear()`: drop the locals of a finished frame.
fn frame_clear(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::check_arity(vm, "clear", &args[1..], 0, 0)?;
    crate::types::function::no_kwargs(vm, "clear", kwnames)?;
    let f = fr(&args[0]);
    let p = f.iframe.get();
    if !p.is_null() {
        // SAFETY: non-null while the frame is alive.
        let is_gen = unsafe { (*p).is_generator };
        let running = std::ptr::eq(vm.frames.current.get(), p) || !is_gen || frame_on_stack(vm, p);
        return Err(vm.new_error(
            &crate::types::exceptions::RUNTIME_ERROR,
            if running { "cannot clear an executing frame" } else { "cannot clear a suspended frame" },
        ));
    }
    let old = f.snapshot.replace(None);
    let extra = f.extra_locals.replace(None);
    let trace = f.trace.replace(None);
    drop((old, extra, trace));
    Ok(none::none())
}

fn frame_on_stack(vm: &Vm, p: *mut InterpreterFrame) -> bool {
    let mut cur = vm.frames.current.get();
    while !cur.is_null() {
        if std::ptr::eq(cur, p) {
            return true;
        }
        // SAFETY: frames on the chain are live.
        cur = unsafe { (*cur).previous };
    }
    false
}

fn frame_sizeof(_vm: &Vm, args: &[PyRef], _kwnames: &[PyRef]) -> PyResult<PyRef> {
    let code = crate::types::code::as_code(&fr(&args[0]).code);
    Ok(int::new_int((104 + 8 * (code.nlocalsplus + code.code.stacksize as usize)) as i64))
}

/// The variables of a frame as (name index, value) pairs: live slots while it runs, the
/// kept ones after it exited. Cells are read through; unbound names are skipped.
pub fn frame_variables(o: &PyObject) -> Vec<(usize, PyRef)> {
    use taipan_bytecode::code::kinds::{CO_FAST_CELL, CO_FAST_FREE, CO_FAST_HIDDEN};
    let f = fr(o);
    let code = crate::types::code::as_code(&f.code);
    let p = f.iframe.get();
    let slots: Vec<Option<PyRef>> = if p.is_null() {
        f.snapshot.borrow().clone().unwrap_or_default()
    } else {
        // SAFETY: non-null while the frame runs.
        unsafe { (*p).locals_slice().to_vec() }
    };
    let mut out = Vec::new();
    for (i, slot) in slots.into_iter().enumerate() {
        let kind = code.code.localspluskinds[i];
        if kind & CO_FAST_HIDDEN != 0 {
            continue;
        }
        let Some(v) = slot else { continue };
        let v = match v.downcast::<crate::types::cell::PyCell>() {
            Some(c) if kind & (CO_FAST_CELL | CO_FAST_FREE) != 0 => match c.contents.borrow().clone() {
                Some(x) => x,
                None => continue,
            },
            _ => v,
        };
        out.push((i, v));
    }
    out
}

/// Write variable `i` of a frame (through its cell for cell and free variables).
pub fn set_frame_variable(o: &PyObject, i: usize, v: PyRef) {
    use taipan_bytecode::code::kinds::{CO_FAST_CELL, CO_FAST_FREE};
    let f = fr(o);
    let code = crate::types::code::as_code(&f.code);
    let kind = code.code.localspluskinds[i];
    let p = f.iframe.get();
    let mut snap = f.snapshot.borrow_mut();
    let slot: &mut Option<PyRef> = if p.is_null() {
        match snap.as_mut() {
            Some(s) => &mut s[i],
            None => return,
        }
    } else {
        // SAFETY: non-null while the frame runs.
        unsafe { &mut (*p).locals_slice()[i] }
    };
    if kind & (CO_FAST_CELL | CO_FAST_FREE) != 0 {
        if let Some(c) = slot.as_ref().and_then(|c| c.downcast::<crate::types::cell::PyCell>()) {
            let old = c.contents.replace(Some(v));
            drop(snap);
            drop(old);
            return;
        }
    }
    let old = slot.replace(v);
    drop(snap);
    drop(old);
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
