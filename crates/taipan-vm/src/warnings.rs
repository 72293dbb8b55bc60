//! Warnings as CPython 3.13 shows them with its default filters and no `warnings` module
//! imported (the C `_warnings` path): `file:line: Category: message` and the source line
//! on `sys.stderr`.
//!
//! Default filters: `DeprecationWarning` is shown only when triggered in `__main__`;
//! `PendingDeprecationWarning`, `ImportWarning` and `ResourceWarning` are ignored; every
//! other category uses the "default" action — once per (message, category, line) of a
//! module, remembered in a per-thread registry (CPython's `__warningregistry__`).

use std::cell::RefCell;
use std::collections::HashSet;

use crate::error::PyResult;
use crate::object::{PyObject, PyTypeObject};
use crate::types::{exceptions, str as pystr};
use crate::vm::Vm;

thread_local! {
    static SHOWN: RefCell<HashSet<(String, String, String, u32)>> = RefCell::new(HashSet::new());
}

/// Extra text after the warning (the unawaited-coroutine hint of `_warnings`).
pub enum Hint {
    None,
    Tracemalloc,
}

/// `PyErr_WarnExplicit`: a warning attributed to `filename:lineno` in `module` (None: the
/// file name without `.py`).
pub fn warn_explicit(vm: &Vm, category: &PyTypeObject, msg: &str, filename: &str, lineno: u32, module: Option<&str>, hint: Hint) -> PyResult<()> {
    let module = module.map(str::to_string).unwrap_or_else(|| filename.strip_suffix(".py").unwrap_or(filename).to_string());
    if category.is_subtype(&exceptions::DEPRECATION_WARNING) && module != "__main__" {
        return Ok(());
    }
    if category.is_subtype(&exceptions::PENDING_DEPRECATION_WARNING)
        || category.is_subtype(&exceptions::IMPORT_WARNING)
        || category.is_subtype(&exceptions::RESOURCE_WARNING)
    {
        return Ok(());
    }
    let cat = category.name();
    let key = (module, msg.to_string(), cat.clone(), lineno);
    if !SHOWN.with(|s| s.borrow_mut().insert(key)) {
        return Ok(());
    }
    let mut text = format!("{filename}:{lineno}: {cat}: {msg}\n");
    if let Some(line) = crate::traceback::source_line(filename, lineno as i32).filter(|l| !l.is_empty()) {
        text.push_str(&format!("  {line}\n"));
    }
    if let Hint::Tracemalloc = hint {
        text.push_str(&format!("{cat}: Enable tracemalloc to get the object allocation traceback\n"));
    }
    crate::sysmodule::flush_stdout(vm);
    match crate::protocol::getattr_opt(vm, &vm.sys, &vm.intern("stderr"))? {
        Some(err) if !err.is(crate::types::none::none_ref()) => {
            crate::protocol::call_method(vm, &err, "write", &[pystr::new_str(&text)])?;
        }
        _ => eprint!("{text}"),
    }
    Ok(())
}

/// `PyErr_WarnEx(category, msg, 1)`: attributed to the innermost Python frame.
pub fn warn(vm: &Vm, category: &PyTypeObject, msg: &str) -> PyResult<()> {
    warn_with_hint(vm, category, msg, Hint::None)
}

pub fn warn_with_hint(vm: &Vm, category: &PyTypeObject, msg: &str, hint: Hint) -> PyResult<()> {
    let f = vm.frames.current.get();
    if f.is_null() {
        return warn_explicit(vm, category, msg, "sys", 0, Some("sys"), hint);
    }
    // SAFETY: the current frame is live.
    let frame = crate::types::frame::frame_object(vm, unsafe { &mut *f });
    let lineno = crate::types::frame::frame_lineno(&frame).max(0) as u32;
    let get = |o: &PyObject, n: &str| crate::protocol::getattr(vm, o, &vm.intern(n));
    let code = get(&frame, "f_code")?;
    let filename = pystr::to_string(&*get(&code, "co_filename")?);
    let globals = get(&frame, "f_globals")?;
    let module = crate::protocol::getitem(vm, &globals, &vm.intern("__name__")).ok().map(|n| pystr::to_string(&n));
    warn_explicit(vm, category, msg, &filename, lineno, Some(module.as_deref().unwrap_or("<string>")), hint)
}
