//! Namespace introspection: `dir`, `vars`, `locals`, and `__import__`.
//!
//! `locals()` follows 3.13 (PEP 667): in a module or class body it is the frame's locals
//! mapping itself; in a function it is a fresh snapshot dict of the bound fast locals,
//! cells and free variables each time it is called.

use crate::error::PyResult;
use crate::object::{PyObject, PyRef};
use crate::protocol;
use crate::types::function::{check_arity, MethodDef};
use crate::types::{dict, list, none, str as pystr};
use crate::vm::Vm;

pub static FUNCTIONS: &[MethodDef] = &[
    MethodDef::function("dir", builtin_dir),
    MethodDef::function("vars", builtin_vars),
    MethodDef::function("locals", builtin_locals),
    MethodDef::function("__import__", builtin_import),
];

/// The locals of the innermost running Python frame, as `locals()` returns them.
pub fn caller_locals(vm: &Vm) -> Option<PyRef> {
    let f = vm.frames.current.get();
    if f.is_null() {
        return None;
    }
    // SAFETY: the current frame is live while a builtin it called runs.
    let f = unsafe { &*f };
    Some(match (&f.locals, &f.frame_obj) {
        (Some(l), _) => l.clone(),
        // Names written through `frame.f_locals` that are not variables show too.
        (None, Some(fo)) => crate::types::frame_locals::snapshot(vm, fo).unwrap_or_else(|_| crate::types::frame::fast_locals_dict(f)),
        (None, None) => crate::types::frame::fast_locals_dict(f),
    })
}

fn builtin_locals(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "locals", args, 0, 0)?;
    Ok(caller_locals(vm).unwrap_or_else(dict::new_dict))
}

/// Sort a list of objects with `<` (stable; an exception stops it).
pub fn sort_objects(vm: &Vm, items: Vec<PyRef>) -> PyResult<Vec<PyRef>> {
    let mut out: Vec<PyRef> = Vec::with_capacity(items.len());
    for v in items {
        // Binary insertion after every element not greater than v (stability).
        let (mut lo, mut hi) = (0, out.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if protocol::richcompare_bool(vm, &v, &out[mid], crate::object::typeobj::CompareOp::Lt)? {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        out.insert(lo, v);
    }
    Ok(out)
}

fn builtin_dir(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "dir", kw)?;
    if args.len() > 1 {
        return Err(vm.type_error(format!("dir expected at most 1 argument, got {}", args.len())));
    }
    let names = match args.first() {
        None => {
            let l = caller_locals(vm).unwrap_or_else(dict::new_dict);
            let keys = match dict::downcast_dict(&l) {
                Some(_) => dict::keys(&l),
                None => {
                    let k = protocol::call_method(vm, &l, "keys", &[])?;
                    protocol::iterate(vm, &k)?
                }
            };
            keys
        }
        Some(obj) => {
            let Some(f) = protocol::lookup_special(vm, obj, "__dir__")? else {
                return Err(vm.type_error("object does not provide __dir__"));
            };
            let r = protocol::call(vm, &f, &[], &[])?;
            protocol::iterate(vm, &r)?
        }
    };
    Ok(list::new_list(sort_objects(vm, names)?))
}

fn builtin_vars(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "vars", kw)?;
    if args.len() > 1 {
        return Err(vm.type_error(format!("vars expected at most 1 argument, got {}", args.len())));
    }
    match args.first() {
        None => Ok(caller_locals(vm).unwrap_or_else(dict::new_dict)),
        Some(obj) => match protocol::getattr_opt(vm, obj, &vm.intern("__dict__"))? {
            Some(d) => Ok(d),
            None => Err(vm.type_error("vars() argument must have __dict__ attribute")),
        },
    }
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
fn builtin_import(vm: &Vm, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let (pos, kws) = super::split_kwargs(args, kwnames);
    let mut a: [Option<PyRef>; 5] = Default::default();
    let names = ["name", "globals", "locals", "fromlist", "level"];
    if pos.len() > 5 {
        return Err(vm.type_error(format!("__import__() takes at most 5 arguments ({} given)", pos.len())));
    }
    for (i, v) in pos.iter().enumerate() {
        a[i] = Some(v.clone());
    }
    for (k, v) in kws {
        match names.iter().position(|n| *n == k) {
            Some(i) => a[i] = Some(v.clone()),
            None => return Err(vm.type_error(format!("__import__() got an unexpected keyword argument '{k}'"))),
        }
    }
    let Some(name) = a[0].clone() else {
        return Err(vm.type_error("__import__() missing required argument 'name' (pos 1)"));
    };
    if pystr::downcast_str(&name).is_none() {
        return Err(vm.type_error(format!("__import__() argument 1 must be str, not {}", name.ob_type().name())));
    }
    let level = match &a[4] {
        Some(l) => protocol::index_as_isize(vm, l)?,
        None => 0,
    };
    if level < 0 {
        return Err(vm.value_error("level must be >= 0"));
    }
    let fromlist = a[3].clone().unwrap_or_else(none::none);
    import_module_level(vm, &name, &fromlist, level)
}

/// `PyImport_ImportModuleLevelObject` for absolute imports of built-in modules: the
/// top-level package unless a fromlist is given.
pub fn import_module_level(vm: &Vm, name: &PyObject, fromlist: &PyObject, level: isize) -> PyResult<PyRef> {
    if level > 0 {
        return Err(vm.new_error(
            &crate::types::exceptions::IMPORT_ERROR,
            "attempted relative import with no known parent package",
        ));
    }
    let s = pystr::to_string(name);
    if s.is_empty() {
        return Err(vm.value_error("Empty module name"));
    }
    let m = crate::import::import_module(vm, name)?;
    let has_fromlist = !fromlist.is(none::none_ref()) && protocol::is_true(vm, fromlist)?;
    if has_fromlist || !s.contains('.') {
        return Ok(m);
    }
    let top = s.split('.').next().unwrap_or("");
    crate::import::import_module(vm, &pystr::new_str(top))
}
