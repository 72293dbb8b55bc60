//! The `sys` module (essentials) and the standard streams.
//!
//! Until `_io` exists, `sys.stdin` / `sys.stdout` / `sys.stderr` are [`PyStdStream`]
//! objects: a UTF-8 text stream over a file descriptor (`read`/`readline`/iteration on
//! fd 0, `write`/`flush` on 1 and 2). stdout is block-buffered when it is not a terminal
//! (as CPython's is), stderr line-buffered. The struct sequences (`version_info`,
//! `flags`, `float_info`, `int_info`, `hash_info`) are made by `types::structseq`.

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
    /// After `close()`: reads and writes raise ValueError.
    pub closed: Cell<bool>,
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
        tp_getset: STREAM_GETSET,
        tp_iter: Cell::new(Some(stream_iter)),
        tp_iternext: Cell::new(Some(stream_iternext)),
        ..PyTypeData::BASE
    },
));

static STREAM_METHODS: &[MethodDef] = &[
    MethodDef::method("write", stream_write),
    MethodDef::method("writelines", stream_writelines),
    MethodDef::method("flush", stream_flush),
    MethodDef::method("read", stream_read),
    MethodDef::method("readline", stream_readline),
    MethodDef::method("readlines", stream_readlines),
    MethodDef::method("isatty", stream_isatty),
    MethodDef::method("fileno", stream_fileno),
    MethodDef::method("readable", stream_readable),
    MethodDef::method("writable", stream_writable),
    MethodDef::method("close", stream_close),
];

static STREAM_GETSET: &[crate::types::descr::GetSetDef] = &[
    crate::types::descr::GetSetDef::new("encoding", stream_encoding, None),
    crate::types::descr::GetSetDef::new("errors", stream_errors, None),
    crate::types::descr::GetSetDef::new("closed", stream_closed, None),
    crate::types::descr::GetSetDef::new("line_buffering", stream_line_buffering, None),
    crate::types::descr::GetSetDef::new("name", stream_name, None),
    crate::types::descr::GetSetDef::new("mode", stream_mode, None),
];

fn stream_of(o: &PyObject) -> &PyStdStream {
    o.downcast::<PyStdStream>().expect("a standard stream")
}

fn stream_encoding(_vm: &Vm, _o: &PyObject) -> PyResult<PyRef> {
    Ok(pystr::new_str("utf-8"))
}

fn stream_errors(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(pystr::new_str(if stream_of(o).fd == 2 { "backslashreplace" } else { "strict" }))
}

fn stream_closed(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(none::bool_(stream_of(o).closed.get()))
}

/// `close()`: flush, then refuse further I/O (closing twice is allowed).
fn stream_close(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "close", &args[1..], 0, 0)?;
    let st = stream_of(&args[0]);
    if !st.closed.get() {
        st.flush();
        st.closed.set(true);
    }
    Ok(none::none())
}

/// ValueError for I/O on a closed stream.
fn check_open(vm: &Vm, st: &PyStdStream) -> PyResult<()> {
    if st.closed.get() {
        return Err(vm.value_error("I/O operation on closed file."));
    }
    Ok(())
}

fn stream_line_buffering(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(none::bool_(stream_of(o).line_buffered))
}

fn stream_name(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(pystr::new_str(["<stdin>", "<stdout>", "<stderr>"][stream_of(o).fd.clamp(0, 2) as usize]))
}

fn stream_mode(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(pystr::new_str(if stream_of(o).fd == 0 { "r" } else { "w" }))
}

fn stream_isatty(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    // SAFETY: isatty only inspects the descriptor.
    Ok(none::bool_(unsafe { libc_isatty(stream_of(&args[0]).fd) } != 0))
}

fn stream_fileno(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(int::new_int(stream_of(&args[0]).fd as i64))
}

fn stream_readable(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(none::bool_(stream_of(&args[0]).fd == 0))
}

fn stream_writable(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(none::bool_(stream_of(&args[0]).fd != 0))
}

fn check_readable(vm: &Vm, st: &PyStdStream) -> PyResult<()> {
    check_open(vm, st)?;
    if st.fd != 0 {
        return Err(vm.new_error(&crate::types::exceptions::OS_ERROR, "not readable"));
    }
    Ok(())
}

/// Decode bytes read from stdin (UTF-8, universal newlines).
fn decode_input(data: &[u8]) -> PyRef {
    let s = String::from_utf8_lossy(data);
    let s = if s.contains('\r') { s.replace("\r\n", "\n").replace('\r', "\n") } else { s.into_owned() };
    pystr::new_str(&s)
}

/// One line from stdin including its newline; empty at end of file.
pub fn read_line(vm: &Vm, st: &PyStdStream) -> PyResult<Vec<u8>> {
    use std::io::BufRead;
    check_readable(vm, st)?;
    let mut line = Vec::new();
    std::io::stdin().lock().read_until(b'\n', &mut line).map_err(|e| vm.new_error(&crate::types::exceptions::OS_ERROR, e.to_string()))?;
    Ok(line)
}

fn stream_read(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    use std::io::Read;
    check_arity(vm, "read", &args[1..], 0, 1)?;
    let st = stream_of(&args[0]);
    check_readable(vm, st)?;
    let n = match args.get(1) {
        Some(a) if !a.is(none::none_ref()) => crate::protocol::index_as_isize(vm, a)?,
        _ => -1,
    };
    let mut data = Vec::new();
    let r = if n < 0 {
        std::io::stdin().lock().read_to_end(&mut data).map(|_| ())
    } else {
        // n characters: read bytes until n code points are complete.
        let mut chars = 0;
        let mut lock = std::io::stdin().lock();
        let mut b = [0u8; 1];
        let mut res = Ok(());
        while chars < n {
            match lock.read(&mut b) {
                Ok(0) => break,
                Ok(_) => {
                    data.push(b[0]);
                    if b[0] & 0xC0 != 0x80 {
                        chars += 1;
                    }
                }
                Err(e) => {
                    res = Err(e);
                    break;
                }
            }
        }
        res
    };
    r.map_err(|e| vm.new_error(&crate::types::exceptions::OS_ERROR, e.to_string()))?;
    Ok(decode_input(&data))
}

fn stream_readline(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "readline", &args[1..], 0, 1)?;
    Ok(decode_input(&read_line(vm, stream_of(&args[0]))?))
}

fn stream_readlines(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "readlines", &args[1..], 0, 1)?;
    let st = stream_of(&args[0]);
    let mut out = Vec::new();
    loop {
        let l = read_line(vm, st)?;
        if l.is_empty() {
            break;
        }
        out.push(decode_input(&l));
    }
    Ok(list::new_list(out))
}

fn stream_iter(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(o.to_ref())
}

fn stream_iternext(vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    let l = read_line(vm, stream_of(o))?;
    Ok(if l.is_empty() { None } else { Some(decode_input(&l)) })
}

impl PyStdStream {
    /// Encode `s` as UTF-8 with the stream's error handler (stdout strict, stderr
    /// backslashreplace, as CPython's under a UTF-8 locale) and buffer it.
    fn write_text(&self, vm: &Vm, s: &crate::unicode::PyStrData) -> PyResult<()> {
        check_open(vm, self)?;
        let data = match s.as_str() {
            Some(t) => std::borrow::Cow::Borrowed(t.as_bytes()),
            None => {
                let errors = if self.fd == 2 { "backslashreplace" } else { "strict" };
                let b = s.encode("utf-8", errors).map_err(|e| crate::types::str_methods::codec_error(vm, e))?;
                std::borrow::Cow::Owned(b)
            }
        };
        self.write_bytes(&data);
        Ok(())
    }
    fn write_bytes(&self, s: &[u8]) {
        let mut b = self.buffer.borrow_mut();
        b.extend_from_slice(s);
        if b.len() > 8192 || (self.line_buffered && s.contains(&b'\n')) {
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
    args[0].downcast::<PyStdStream>().unwrap().write_text(vm, s)?;
    Ok(int::new_int(s.len() as i64))
}

/// `writelines(lines)`: `write` each item (no separators added).
fn stream_writelines(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "writelines", &args[1..], 1, 1)?;
    for line in crate::protocol::iterate(vm, &args[1])? {
        stream_write(vm, &[args[0].clone(), line], &[])?;
    }
    Ok(none::none())
}

fn stream_flush(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let st = args[0].downcast::<PyStdStream>().unwrap();
    check_open(vm, st)?;
    st.flush();
    Ok(none::none())
}

/// `file.write(s)` with a fast path for the standard streams.
pub fn write_to(vm: &Vm, file: &PyObject, s: &PyObject) -> PyResult<()> {
    if let Some(st) = file.downcast_exact::<PyStdStream>() {
        return st.write_text(vm, pystr::str_data(s));
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
    MethodDef::function("get_int_max_str_digits", sys_get_int_max_str_digits),
    MethodDef::function("set_int_max_str_digits", sys_set_int_max_str_digits),
    MethodDef::function("exception", sys_exception),
    MethodDef::function("exc_info", sys_exc_info),
    MethodDef::function("getrefcount", sys_getrefcount),
    MethodDef::function("_getframe", sys_getframe),
    MethodDef::function("getdefaultencoding", sys_getdefaultencoding),
    MethodDef::function("getfilesystemencoding", sys_getfilesystemencoding),
    MethodDef::function("getfilesystemencodeerrors", sys_getfilesystemencodeerrors),
    MethodDef::function("displayhook", sys_displayhook),
    MethodDef::function("excepthook", sys_excepthook),
    MethodDef::function("getsizeof", sys_getsizeof),
    MethodDef::function("settrace", sys_settrace),
    MethodDef::function("setprofile", sys_setprofile),
    MethodDef::function("gettrace", sys_gettrace),
    MethodDef::function("getprofile", sys_getprofile),
];

fn hook_arg(vm: &Vm, name: &str, args: &[PyRef], kw: &[PyRef]) -> PyResult<Option<PyRef>> {
    crate::types::function::no_kwargs(vm, name, kw)?;
    crate::types::function::check_arity(vm, name, args, 1, 1)?;
    Ok(if args[0].is(crate::types::none::none_ref()) { None } else { Some(args[0].clone()) })
}

/// `sys.settrace(func)` (eval/trace.rs).
fn sys_settrace(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::eval::trace::set_trace(hook_arg(vm, "settrace", args, kw)?);
    Ok(crate::types::none::none())
}

/// `sys.setprofile(func)`.
fn sys_setprofile(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::eval::trace::set_profile(hook_arg(vm, "setprofile", args, kw)?);
    Ok(crate::types::none::none())
}

fn sys_gettrace(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::check_arity(vm, "gettrace", args, 0, 0)?;
    Ok(crate::eval::trace::get_trace().unwrap_or_else(crate::types::none::none))
}

fn sys_getprofile(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::check_arity(vm, "getprofile", args, 0, 0)?;
    Ok(crate::eval::trace::get_profile().unwrap_or_else(crate::types::none::none))
}

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
    let stdin = alloc_object(&STD_STREAM_TYPE, PyStdStream { fd: 0, buffer: RefCell::new(Vec::new()), line_buffered: tty(0), closed: Cell::new(false) });
    set(vm, "stdin", &stdin);
    set(vm, "__stdin__", &stdin);
    let stdout = alloc_object(&STD_STREAM_TYPE, PyStdStream { fd: 1, buffer: RefCell::new(Vec::new()), line_buffered: tty(1), closed: Cell::new(false) });
    let stderr = alloc_object(&STD_STREAM_TYPE, PyStdStream { fd: 2, buffer: RefCell::new(Vec::new()), line_buffered: true, closed: Cell::new(false) });
    set(vm, "stdout", &stdout);
    set(vm, "stderr", &stderr);
    set(vm, "__stdout__", &stdout);
    set(vm, "__stderr__", &stderr);
    for def in FUNCTIONS {
        let f = new_builtin_function(def, Some(vm.sys.clone()));
        set(vm, def.name, &f);
        if matches!(def.name, "displayhook" | "excepthook") {
            set(vm, &format!("__{}__", def.name), &f);
        }
    }
    init_info(vm).expect("sys: the struct sequences are made from built-in types only");
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

fn sys_get_int_max_str_digits(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "get_int_max_str_digits", args, 0, 0)?;
    Ok(int::new_int(crate::format::max_str_digits() as i64))
}

/// `sys.set_int_max_str_digits(maxdigits)`: 0, or at least 640 (`_PY_LONG_MAX_STR_DIGITS_THRESHOLD`).
fn sys_set_int_max_str_digits(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let npos = args.len() - kwnames.len();
    if args.len() != 1 || (npos == 0 && pystr::to_string(&kwnames[0]) != "maxdigits") {
        return Err(vm.type_error(format!("set_int_max_str_digits() takes exactly one argument ({} given)", args.len())));
    }
    let n = crate::protocol::index_as_isize(vm, &args[0])?;
    if n != 0 && n < 640 {
        return Err(vm.value_error("maxdigits must be 0 or larger than 640"));
    }
    crate::format::set_max_str_digits(n.max(0) as usize);
    Ok(none::none())
}

fn sys_intern(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "intern", args, 1, 1)?;
    if !std::ptr::eq(args[0].ob_type(), &*pystr::STR_TYPE) {
        if pystr::downcast_str(&args[0]).is_some() {
            return Err(vm.type_error(format!("can't intern {}", args[0].ob_type().name())));
        }
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

/// `sys.version`: CPython's shape (platform.python_implementation-style parsers read it).
pub const VERSION: &str = "3.13.0 (main, taipan) [Rust]";

fn init_info(vm: &Vm) -> PyResult<()> {
    use crate::types::structseq;
    let i = |n: i64| int::new_int(n);
    let s = pystr::new_str;
    let f = crate::types::float::new_float;
    set(vm, "version", &s(VERSION));
    set(vm, "hexversion", &i(0x030D00F0));
    set(vm, "api_version", &i(1013));
    set(vm, "dont_write_bytecode", &none::bool_(false));
    set(vm, "float_repr_style", &s("short"));
    set(vm, "prefix", &s("/usr/local"));
    set(vm, "exec_prefix", &s("/usr/local"));
    set(vm, "base_prefix", &s("/usr/local"));
    set(vm, "base_exec_prefix", &s("/usr/local"));
    set(vm, "platlibdir", &s("lib"));
    set(vm, "pycache_prefix", &none::none());
    set(vm, "abiflags", &s(""));
    set(vm, "copyright", &s("Copyright (c) 2001-2024 Python Software Foundation.\nAll Rights Reserved."));
    set(vm, "warnoptions", &list::new_list(Vec::new()));
    set(vm, "meta_path", &list::new_list(Vec::new()));
    set(vm, "path_hooks", &list::new_list(Vec::new()));
    set(vm, "path_importer_cache", &dict::new_dict());
    set(vm, "_xoptions", &dict::new_dict());
    let orig: Vec<PyRef> = std::env::args().map(|a| s(&a)).collect();
    set(vm, "orig_argv", &list::new_list(orig));
    let names: Vec<PyRef> = crate::import::BUILTIN_MODULES.iter().map(|(n, _)| s(n)).collect();
    set(vm, "builtin_module_names", &tuple::new_tuple(names));
    let names = crate::stdlib_names::STDLIB_MODULE_NAMES.iter().map(|n| pystr::new_str(n)).collect();
    set(vm, "stdlib_module_names", &crate::types::set::new_frozenset(vm, names).expect("str items hash"));

    let vi = structseq::new_type(vm, "sys", "version_info", &["major", "minor", "micro", "releaselevel", "serial"])?;
    let version_info = structseq::new_instance(vm, &vi, vec![i(3), i(13), i(0), s("final"), i(0)])?;
    set(vm, "version_info", &version_info);

    let fl = structseq::new_type(
        vm,
        "sys",
        "flags",
        &[
            "debug", "inspect", "interactive", "optimize", "dont_write_bytecode", "no_user_site", "no_site",
            "ignore_environment", "verbose", "bytes_warning", "quiet", "hash_randomization", "isolated", "dev_mode",
            "utf8_mode", "warn_default_encoding", "safe_path", "int_max_str_digits",
        ],
    )?;
    let hash_random = i64::from(vm.config.hash_seed != Some(0));
    let flags = structseq::new_instance(
        vm,
        &fl,
        vec![
            i(0), i(0), i(0), i(vm.config.optimize as i64), i(0), i(0), i(0), i(0), i(0), i(0), i(0), i(hash_random),
            i(0), none::bool_(false), i(0), i(0), none::bool_(false), i(4300),
        ],
    )?;
    set(vm, "flags", &flags);

    let fi = structseq::new_type(
        vm,
        "sys",
        "float_info",
        &["max", "max_exp", "max_10_exp", "min", "min_exp", "min_10_exp", "dig", "mant_dig", "epsilon", "radix", "rounds"],
    )?;
    let float_info = structseq::new_instance(
        vm,
        &fi,
        vec![f(f64::MAX), i(1024), i(308), f(f64::MIN_POSITIVE), i(-1021), i(-307), i(15), i(53), f(f64::EPSILON), i(2), i(1)],
    )?;
    set(vm, "float_info", &float_info);

    let ii = structseq::new_type(vm, "sys", "int_info", &["bits_per_digit", "sizeof_digit", "default_max_str_digits", "str_digits_check_threshold"])?;
    let int_info = structseq::new_instance(vm, &ii, vec![i(30), i(4), i(4300), i(640)])?;
    set(vm, "int_info", &int_info);

    let hi = structseq::new_type(
        vm,
        "sys",
        "hash_info",
        &["width", "modulus", "inf", "nan", "imag", "algorithm", "hash_bits", "seed_bits", "cutoff"],
    )?;
    let hash_info = structseq::new_instance(
        vm,
        &hi,
        vec![i(64), i((1 << 61) - 1), i(314159), i(0), i(1000003), s("siphash13"), i(64), i(128), i(0)],
    )?;
    set(vm, "hash_info", &hash_info);

    let implementation = crate::types::namespace::new_namespace(
        vm,
        vec![
            ("name", s("taipan")),
            ("cache_tag", s("taipan-313")),
            ("version", version_info.clone()),
            ("hexversion", i(0x030D00F0)),
            ("_multiarch", s("x86_64-linux-gnu")),
        ],
    );
    set(vm, "implementation", &implementation);
    Ok(())
}

fn sys_getframe(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "_getframe", args, 0, 1)?;
    let mut depth = match args.first() {
        Some(d) => crate::protocol::index_as_isize(vm, d)?,
        None => 0,
    };
    let mut f = vm.frames.current.get();
    while depth > 0 && !f.is_null() {
        // SAFETY: frames on the chain are live.
        f = unsafe { (*f).previous };
        depth -= 1;
    }
    if f.is_null() {
        return Err(vm.value_error("call stack is not deep enough"));
    }
    // SAFETY: as above.
    Ok(crate::types::frame::frame_object(vm, unsafe { &mut *f }))
}

fn sys_getdefaultencoding(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "getdefaultencoding", args, 0, 0)?;
    Ok(pystr::new_str("utf-8"))
}

fn sys_getfilesystemencoding(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "getfilesystemencoding", args, 0, 0)?;
    Ok(pystr::new_str("utf-8"))
}

fn sys_getfilesystemencodeerrors(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "getfilesystemencodeerrors", args, 0, 0)?;
    Ok(pystr::new_str("surrogateescape"))
}

/// `sys.displayhook(value)`: print the repr of a non-None value and keep it in `builtins._`.
fn sys_displayhook(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "displayhook", args, 1, 1)?;
    let v = &args[0];
    if v.is(none::none_ref()) {
        return Ok(none::none());
    }
    dict::set_item_str_key(vm, &vm.builtins_dict, &vm.intern("_"), &none::none());
    let out = crate::protocol::getattr_str(vm, &vm.sys, "stdout")?;
    if out.is(none::none_ref()) {
        return Err(vm.runtime_error("lost sys.stdout"));
    }
    let r = crate::protocol::repr(vm, v)?;
    write_to(vm, &out, &r)?;
    write_to(vm, &out, &pystr::new_str("\n"))?;
    dict::set_item_str_key(vm, &vm.builtins_dict, &vm.intern("_"), v);
    Ok(none::none())
}

/// `sys.excepthook(type, value, traceback)`: print the exception as an uncaught one.
fn sys_excepthook(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "excepthook", args, 3, 3)?;
    if crate::types::exceptions::is_exception_instance(&args[1]) {
        crate::traceback::print_exception(vm, &crate::error::PyErr::from_instance(args[1].clone()));
    } else {
        flush_stdout(vm);
        eprintln!("TypeError: print_exception(): Exception expected for value, {} found", args[1].ob_type().name());
    }
    Ok(none::none())
}

/// `sys.getsizeof`: CPython's sizes (64-bit) for the built-in types whose layout has a
/// fixed formula, else `__sizeof__()`; plus the 16-byte GC header for containers.
fn sys_getsizeof(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "getsizeof", &args[..args.len().min(1)], 1, 1)?;
    let o = &args[0];
    let tp = o.ob_type();
    let name = tp.name();
    let exact = !tp.is_heap_type();
    let size: Option<i64> = if exact {
        match &*name {
            "int" | "bool" => int::downcast_int(o).map(|v| {
                use dashu_int::ops::{BitTest, UnsignedAbs};
                let bits = v.to_ibig().unsigned_abs().bit_len() as i64;
                24 + 4 * ((bits + 29) / 30).max(1)
            }),
            "float" => Some(24),
            "NoneType" | "ellipsis" | "NotImplementedType" => Some(16),
            "str" => pystr::downcast_str(o).map(|s| {
                let maxc = s.iter().max().unwrap_or(0);
                let n = s.len() as i64;
                match maxc {
                    0..=0x7f => 40 + n + 1,
                    0x80..=0xff => 56 + n + 1,
                    0x100..=0xffff => 56 + 2 * (n + 1),
                    _ => 56 + 4 * (n + 1),
                }
            }),
            "tuple" => Some(40 + 8 * tuple::tuple_items(o).len() as i64),
            "list" => Some(56 + 8 * list::list_items(o).len() as i64),
            _ => None,
        }
    } else {
        None
    };
    match size {
        Some(n) => Ok(int::new_int(n)),
        None => {
            let r = crate::protocol::call_method(vm, o, "__sizeof__", &[])?;
            let n = crate::protocol::index_as_isize(vm, &r)?;
            if n < 0 {
                return Err(vm.value_error("__sizeof__() should return >= 0"));
            }
            Ok(int::new_int(n as i64 + if tp.has_flag(crate::object::typeobj::flags::HAVE_GC) || tp.is_heap_type() { 16 } else { 0 }))
        }
    }
}
