//! The `sys` module (essentials) and the standard streams.
//!
//! Until `_io` exists, `sys.stdout` / `sys.stderr` are [`PyStdStream`] objects: a text
//! stream over a file descriptor with `write`/`flush`. stdout is block-buffered when it
//! is not a terminal (as CPython's is), stderr line-buffered.

use std::cell::{Cell, RefCell};
use std::io::Write;

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::function::{check_arity, new_builtin_function, MethodDef};
use crate::types::{dict, int, list, none, str as pystr, tuple, type_};
use crate::vm::Vm;

pub struct PyStdStream {
    pub fd: i32,
    pub buffer: RefCell<Vec<u8>>,
    pub line_buffered: bool,
}

impl PyPayload for PyStdStream {
    fn static_type() -> &'static PyTypeObject {
        &STD_STREAM_TYPE
    }
}

pub static STD_STREAM_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("_io.TextIOWrapper"),
        tp_dealloc: Cell::new(dealloc::<PyStdStream>),
        tp_methods: STREAM_METHODS,
        ..PyTypeData::BASE
    },
));

static STREAM_METHODS: &[MethodDef] = &[MethodDef::method("write", stream_write), MethodDef::method("flush", stream_flush)];

impl PyStdStream {
    fn write_str(&self, s: &str) {
        let mut b = self.buffer.borrow_mut();
        b.extend_from_slice(s.as_bytes());
        if b.len() > 8192 || (self.line_buffered && s.contains('\n')) {
            let data = std::mem::take(&mut *b);
            drop(b);
            self.write_fd(&data);
        }
    }
    fn write_fd(&self, data: &[u8]) {
        if self.fd == 1 {
            let _ = std::io::stdout().write_all(data);
            let _ = std::io::stdout().flush();
        } else {
            let _ = std::io::stderr().write_all(data);
        }
    }
    pub fn flush(&self) {
        let data = std::mem::take(&mut *self.buffer.borrow_mut());
        if !data.is_empty() {
            self.write_fd(&data);
        }
    }
}

fn stream_write(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "write", &args[1..], 1, 1)?;
    let Some(s) = pystr::downcast_str(&args[1]) else {
        return Err(vm.type_error(format!("write() argument must be str, not {}", args[1].ob_type().name())));
    };
    let text = s.to_string_lossy();
    args[0].downcast::<PyStdStream>().unwrap().write_str(&text);
    Ok(int::new_int(s.len() as i64))
}

fn stream_flush(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    args[0].downcast::<PyStdStream>().unwrap().flush();
    Ok(none::none())
}

/// `file.write(s)` with a fast path for the standard streams.
pub fn write_to(vm: &Vm, file: &PyObject, s: &PyObject) -> PyResult<()> {
    if let Some(st) = file.downcast_exact::<PyStdStream>() {
        st.write_str(&pystr::str_data(s).to_string_lossy());
        return Ok(());
    }
    crate::protocol::call_method(vm, file, "write", &[s.to_ref()])?;
    Ok(())
}

/// Flush `sys.stdout` (before printing a traceback, at exit).
pub fn flush_stdout(vm: &Vm) {
    for name in ["stdout", "stderr"] {
        if let Some(s) = dict::get_item_str_key(&crate::types::module::module_dict(&vm.sys), &vm.intern(name)) {
            if let Some(st) = s.downcast::<PyStdStream>() {
                st.flush();
            } else if let Err(e) = crate::protocol::call_method(vm, &s, "flush", &[]) {
                let _ = e;
            }
        }
    }
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::function("exit", sys_exit),
    MethodDef::function("getrecursionlimit", sys_getrecursionlimit),
    MethodDef::function("setrecursionlimit", sys_setrecursionlimit),
    MethodDef::function("intern", sys_intern),
    MethodDef::function("exception", sys_exception),
    MethodDef::function("exc_info", sys_exc_info),
    MethodDef::function("getrefcount", sys_getrefcount),
];

fn set(vm: &Vm, name: &str, v: &PyObject) {
    let d = crate::types::module::module_dict(&vm.sys);
    dict::set_item_str_key(vm, &d, &vm.intern(name), v);
}

pub fn init(vm: &Vm) {
    set(vm, "modules", &vm.modules);
    dict::set_item_str_key(vm, &vm.modules, &vm.intern("sys"), &vm.sys);
    let argv: Vec<PyRef> = vm.config.argv.iter().map(|a| pystr::new_str(a)).collect();
    set(vm, "argv", &list::new_list(argv));
    let path: Vec<PyRef> = vm.config.path.iter().map(|a| pystr::new_str(a)).collect();
    set(vm, "path", &list::new_list(path));
    set(vm, "executable", &pystr::new_str(&vm.config.executable));
    set(vm, "maxsize", &int::new_int(i64::MAX));
    set(vm, "byteorder", &pystr::new_str("little"));
    set(vm, "maxunicode", &int::new_int(0x10FFFF));
    set(vm, "platform", &pystr::new_str("linux"));
    let tty = |fd: i32| unsafe { libc_isatty(fd) } != 0;
    let stdout = alloc_object(&STD_STREAM_TYPE, PyStdStream { fd: 1, buffer: RefCell::new(Vec::new()), line_buffered: tty(1) });
    let stderr = alloc_object(&STD_STREAM_TYPE, PyStdStream { fd: 2, buffer: RefCell::new(Vec::new()), line_buffered: true });
    set(vm, "stdout", &stdout);
    set(vm, "stderr", &stderr);
    set(vm, "__stdout__", &stdout);
    set(vm, "__stderr__", &stderr);
    set(vm, "version_info", &tuple::new_tuple(vec![int::new_int(3), int::new_int(13), int::new_int(0), pystr::new_str("final"), int::new_int(0)]));
    for def in FUNCTIONS {
        let f = new_builtin_function(def, Some(vm.sys.clone()));
        set(vm, def.name, &f);
    }
}

extern "C" {
    #[link_name = "isatty"]
    fn libc_isatty(fd: i32) -> i32;
}

fn sys_exit(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "exit", args, 0, 1)?;
    Err(crate::types::exceptions::new_exception(vm, &crate::types::exceptions::SYSTEM_EXIT, args.to_vec()))
}

fn sys_getrecursionlimit(vm: &Vm, _args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(int::new_int(vm.recursion_limit.get() as i64))
}

fn sys_setrecursionlimit(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "setrecursionlimit", args, 1, 1)?;
    let n = crate::protocol::index_as_isize(vm, &args[0])?;
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    if (n as u32) <= vm.py_depth.get() {
        return Err(vm.recursion_error(format!(
            "cannot set the recursion limit to {n} at the recursion depth {}: the limit is too low",
            vm.py_depth.get()
        )));
    }
    vm.recursion_limit.set(n.min(u32::MAX as isize) as u32);
    Ok(none::none())
}

fn sys_intern(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "intern", args, 1, 1)?;
    if !std::ptr::eq(args[0].ob_type(), &*pystr::STR_TYPE) {
        return Err(vm.type_error(format!("intern() argument must be str, not {}", args[0].ob_type().name())));
    }
    Ok(vm.intern_obj(&args[0]))
}

fn sys_exception(vm: &Vm, _args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(vm.exc_value.borrow().clone().unwrap_or_else(none::none))
}

fn sys_exc_info(vm: &Vm, _args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(match vm.exc_value.borrow().clone() {
        Some(e) => {
            let tb = crate::types::exceptions::as_exc(&e).traceback.borrow().clone().unwrap_or_else(none::none);
            tuple::new_tuple(vec![e.type_ref(), e.clone(), tb])
        }
        None => tuple::new_tuple(vec![none::none(), none::none(), none::none()]),
    })
}

fn sys_getrefcount(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "getrefcount", args, 1, 1)?;
    Ok(int::new_int(args[0].refcnt() as i64))
}
