//! Functions: Python functions (`function`), bound methods (`method`) and native
//! functions (`builtin_function_or_method`), with [`MethodDef`], the table entry by which
//! built-in types and modules declare their native methods.
//!
//! **Native calling convention** ([`NativeFn`]): `args` holds the positional arguments
//! then the keyword values; `kwnames` the keyword names (str). For methods, `args[0]` is
//! `self`. The interpreter passes a slice of its value stack, so no tuple or dict is
//! built for a call.

use std::cell::{Cell, RefCell};

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::flags;
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::descr::GetSetDef;
use crate::types::{none, str as pystr, type_};
use crate::vm::Vm;

pub type NativeFn = fn(&Vm, &[PyRef], &[PyRef]) -> PyResult<PyRef>;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum MethodKind {
    /// An instance method: `self` is `args[0]`.
    Method,
    /// A class method: the class is `args[0]`.
    Class,
    /// A static method / module-level function: no implicit first argument.
    Static,
}

/// A native method or function (`PyMethodDef`).
pub struct MethodDef {
    pub name: &'static str,
    pub func: NativeFn,
    pub kind: MethodKind,
    pub doc: Option<&'static str>,
}

impl MethodDef {
    pub const fn method(name: &'static str, func: NativeFn) -> MethodDef {
        MethodDef { name, func, kind: MethodKind::Method, doc: None }
    }
    pub const fn classmethod(name: &'static str, func: NativeFn) -> MethodDef {
        MethodDef { name, func, kind: MethodKind::Class, doc: None }
    }
    pub const fn function(name: &'static str, func: NativeFn) -> MethodDef {
        MethodDef { name, func, kind: MethodKind::Static, doc: None }
    }
    /// The docstring, CPython's way: an optional `name(sig)\n--\n\n` header gives
    /// `__text_signature__`, the rest is `__doc__` (see [`split_doc`]).
    pub const fn with_doc(self, doc: &'static str) -> MethodDef {
        MethodDef { doc: Some(doc), ..self }
    }
}

/// Check the number of positional arguments of a native function and that it got no
/// keywords; the messages are CPython's for `METH_O`/`METH_VARARGS` functions.
pub fn check_arity(vm: &Vm, name: &str, args: &[PyRef], min: usize, max: usize) -> PyResult<()> {
    let n = args.len();
    if n < min || n > max {
        let msg = if min == max {
            match min {
                0 => format!("{name}() takes no arguments ({n} given)"),
                1 => format!("{name}() takes exactly one argument ({n} given)"),
                _ => format!("{name} expected {min} arguments, got {n}"),
            }
        } else if n < min {
            format!("{name} expected at least {min} argument{}, got {n}", if min == 1 { "" } else { "s" })
        } else {
            format!("{name} expected at most {max} argument{}, got {n}", if max == 1 { "" } else { "s" })
        };
        return Err(vm.type_error(msg));
    }
    Ok(())
}

/// `name() takes no keyword arguments`.
pub fn no_kwargs(vm: &Vm, name: &str, kwnames: &[PyRef]) -> PyResult<()> {
    if !kwnames.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// builtin_function_or_method

pub struct PyCFunction {
    pub def: &'static MethodDef,
    /// The bound `self` (or the module for module functions, not passed).
    pub self_: Option<PyRef>,
    /// Passed as `args[0]` when the function is a bound method of a built-in object.
    pub bound: bool,
    pub module: Option<PyRef>,
}

impl PyPayload for PyCFunction {
    fn static_type() -> &'static PyTypeObject {
        &BUILTIN_FUNCTION_TYPE
    }
}

pub static BUILTIN_FUNCTION_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("builtin_function_or_method"),
        tp_flags: Cell::new(flags::IMMUTABLETYPE),
        tp_dealloc: Cell::new(dealloc::<PyCFunction>),
        tp_call: Cell::new(Some(cfunction_call)),
        tp_repr: Cell::new(Some(cfunction_repr)),
        tp_getset: CFUNCTION_GETSET,
        ..PyTypeData::BASE
    },
));

static CFUNCTION_GETSET: &[GetSetDef] = &[
    GetSetDef::new("__name__", cfunction_name, None),
    GetSetDef::new("__qualname__", cfunction_qualname, None),
    GetSetDef::new("__self__", cfunction_self, None),
    GetSetDef::new("__doc__", cfunction_doc, None),
    GetSetDef::new("__module__", cfunction_module, None),
    GetSetDef::new("__text_signature__", cfunction_text_signature, None),
];

/// Split a native docstring into (`__text_signature__`, `__doc__`): a first line
/// `name(...)` followed by `--` and an empty line is the signature (its name dropped).
pub fn split_doc(doc: Option<&'static str>) -> (Option<&'static str>, Option<&'static str>) {
    let Some(d) = doc else { return (None, None) };
    if let Some(end) = d.find(")\n--\n\n") {
        if let Some(open) = d[..end].find('(') {
            let rest = &d[end + 6..];
            return (Some(&d[open..=end]), if rest.is_empty() { None } else { Some(rest) });
        }
    }
    (None, Some(d))
}

fn cfunction_module(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    let f = obj.downcast::<PyCFunction>().unwrap();
    match &f.module {
        Some(m) => match crate::protocol::getattr_opt(vm, m, &vm.intern("__name__"))? {
            Some(n) => Ok(n),
            None => Ok(none::none()),
        },
        None => Ok(none::none()),
    }
}

fn cfunction_text_signature(_vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    Ok(match split_doc(obj.downcast::<PyCFunction>().unwrap().def.doc).0 {
        Some(s) => pystr::new_str(s),
        None => none::none(),
    })
}

/// A module-level native function.
pub fn new_builtin_function(def: &'static MethodDef, module: Option<PyRef>) -> PyRef {
    alloc_object(&BUILTIN_FUNCTION_TYPE, PyCFunction { def, self_: module.clone(), bound: false, module })
}

/// A native method bound to `self_` (`[].append`).
pub fn new_bound_builtin(def: &'static MethodDef, self_: PyRef) -> PyRef {
    alloc_object(&BUILTIN_FUNCTION_TYPE, PyCFunction { def, self_: Some(self_), bound: true, module: None })
}

fn cfunction_call(vm: &Vm, callable: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let f = callable.downcast::<PyCFunction>().unwrap();
    if f.bound {
        let mut full = Vec::with_capacity(args.len() + 1);
        full.push(f.self_.clone().unwrap());
        full.extend_from_slice(args);
        (f.def.func)(vm, &full, kwnames)
    } else {
        (f.def.func)(vm, args, kwnames)
    }
}

fn cfunction_repr(_vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    let f = obj.downcast::<PyCFunction>().unwrap();
    let s = match (&f.self_, f.bound) {
        (Some(s), true) => format!(
            "<built-in method {} of {} object at {:#x}>",
            f.def.name,
            s.ob_type().name(),
            s.addr()
        ),
        _ => format!("<built-in function {}>", f.def.name),
    };
    Ok(pystr::new_str(&s))
}

fn cfunction_name(_vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    Ok(pystr::new_str(obj.downcast::<PyCFunction>().unwrap().def.name))
}

fn cfunction_qualname(_vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    let f = obj.downcast::<PyCFunction>().unwrap();
    match (&f.self_, f.bound) {
        (Some(s), true) => {
            let owner = match type_::downcast_type(s) {
                Some(t) => t.name(),
                None => s.ob_type().name(),
            };
            Ok(pystr::new_str(&format!("{owner}.{}", f.def.name)))
        }
        _ => Ok(pystr::new_str(f.def.name)),
    }
}

fn cfunction_self(_vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    Ok(obj.downcast::<PyCFunction>().unwrap().self_.clone().unwrap_or_else(none::none))
}

fn cfunction_doc(_vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    Ok(match split_doc(obj.downcast::<PyCFunction>().unwrap().def.doc).1 {
        Some(d) => pystr::new_str(d),
        None => none::none(),
    })
}

// ---------------------------------------------------------------------------------------
// function

/// A function written in Python (`PyFunctionObject`).
pub struct PyFunction {
    pub code: RefCell<PyRef>,
    pub globals: PyRef,
    pub builtins: PyRef,
    pub name: RefCell<PyRef>,
    pub qualname: RefCell<PyRef>,
    /// `__defaults__`: a tuple or None.
    pub defaults: RefCell<Option<PyRef>>,
    /// `__kwdefaults__`: a dict or None.
    pub kwdefaults: RefCell<Option<PyRef>>,
    /// `__closure__`: a tuple of cells or None.
    pub closure: RefCell<Option<PyRef>>,
    pub doc: RefCell<PyRef>,
    pub module: RefCell<PyRef>,
    pub annotations: RefCell<Option<PyRef>>,
    pub type_params: RefCell<Option<PyRef>>,
    pub dict: RefCell<Option<PyRef>>,
    /// `func_version`: 0 once any of code/defaults/closure changed (cache guard).
    pub version: Cell<u32>,
}

impl PyPayload for PyFunction {
    fn static_type() -> &'static PyTypeObject {
        &FUNCTION_TYPE
    }
}

fn function_dict(obj: &PyObject) -> &RefCell<Option<PyRef>> {
    // SAFETY: tp_dict_of is only called for instances of this type.
    unsafe { &obj.payload_unchecked::<PyFunction>().dict }
}

pub static FUNCTION_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("function"),
        tp_flags: Cell::new(flags::IMMUTABLETYPE | flags::METHOD_DESCRIPTOR),
        tp_dealloc: Cell::new(dealloc::<PyFunction>),
        tp_call: Cell::new(Some(function_call)),
        tp_repr: Cell::new(Some(function_repr)),
        tp_descr_get: Cell::new(Some(function_descr_get)),
        tp_dict_of: Cell::new(Some(function_dict)),
        tp_getset: crate::types::function_attrs::FUNCTION_GETSET,
        tp_new: Cell::new(Some(function_new)),
        ..PyTypeData::BASE
    },
));

/// `MAKE_FUNCTION`: a function from a code object and the globals it runs in.
pub fn new_function(vm: &Vm, code: PyRef, globals: PyRef) -> PyResult<PyRef> {
    let c = crate::types::code::as_code(&code);
    let name = c.name.clone();
    let qualname = c.qualname.clone();
    let doc = c.docstring();
    let module = crate::types::dict::get_item(vm, &globals, &vm.intern("__name__"))?.unwrap_or_else(none::none);
    let builtins = crate::eval::builtins_of_globals(vm, &globals)?;
    Ok(alloc_object(
        &FUNCTION_TYPE,
        PyFunction {
            code: RefCell::new(code),
            globals,
            builtins,
            name: RefCell::new(name),
            qualname: RefCell::new(qualname),
            defaults: RefCell::new(None),
            kwdefaults: RefCell::new(None),
            closure: RefCell::new(None),
            doc: RefCell::new(doc),
            module: RefCell::new(module),
            annotations: RefCell::new(None),
            type_params: RefCell::new(None),
            dict: RefCell::new(None),
            version: Cell::new(1),
        },
    ))
}

/// `function(code, globals, name=None, argdefs=None, closure=None, kwdefaults=None)`.
fn function_new(vm: &Vm, _cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    const NAMES: [&str; 6] = ["code", "globals", "name", "argdefs", "closure", "kwdefaults"];
    let (pos, kws) = crate::builtins::split_kwargs(args, kwnames);
    if pos.len() > NAMES.len() {
        return Err(vm.type_error(format!("function() takes at most 6 arguments ({} given)", args.len())));
    }
    let mut slots: [Option<PyRef>; 6] = Default::default();
    for (i, a) in pos.iter().enumerate() {
        slots[i] = Some(a.clone());
    }
    for (k, v) in kws {
        let Some(i) = NAMES.iter().position(|n| *n == k) else {
            return Err(vm.type_error(format!("function() got an unexpected keyword argument '{k}'")));
        };
        if slots[i].is_some() {
            return Err(vm.type_error(format!(
                "argument for function() given by name ('{k}') and position ({})",
                i + 1
            )));
        }
        slots[i] = Some(v.clone());
    }
    for i in 0..2 {
        if slots[i].is_none() {
            return Err(vm.type_error(format!("function() missing required argument '{}' (pos {})", NAMES[i], i + 1)));
        }
    }
    let [code, globals, name, defaults, closure, kwdefaults] = slots;
    let (code, globals) = (code.unwrap(), globals.unwrap());
    let Some(c) = code.downcast::<crate::types::code::PyCode>() else {
        return Err(vm.type_error(format!("function() argument 'code' must be code, not {}", code.ob_type().name())));
    };
    if globals.downcast::<crate::types::dict::PyDict>().is_none() {
        return Err(vm.type_error(format!("function() argument 'globals' must be dict, not {}", globals.ob_type().name())));
    }
    let is_none = |o: &Option<PyRef>| o.as_ref().is_none_or(|o| o.is(none::none_ref()));
    if !is_none(&name) && pystr::downcast_str(name.as_ref().unwrap()).is_none() {
        return Err(vm.type_error("arg 3 (name) must be None or string"));
    }
    if !is_none(&defaults) && crate::types::tuple::downcast_tuple(defaults.as_ref().unwrap()).is_none() {
        return Err(vm.type_error("arg 4 (defaults) must be None or tuple"));
    }
    let nfree = crate::types::code_attrs::nfree(c);
    let closure = if is_none(&closure) { None } else { closure };
    let cells = match &closure {
        Some(t) => match crate::types::tuple::downcast_tuple(t) {
            Some(items) => items.to_vec(),
            None => return Err(vm.type_error("arg 5 (closure) must be None or tuple")),
        },
        None if nfree > 0 => return Err(vm.type_error("arg 5 (closure) must be tuple")),
        None => Vec::new(),
    };
    if cells.len() != nfree {
        return Err(vm.value_error(format!(
            "{} requires closure of length {nfree}, not {}",
            pystr::to_string(&c.name),
            cells.len()
        )));
    }
    for cell in &cells {
        if cell.downcast::<crate::types::cell::PyCell>().is_none() {
            return Err(vm.type_error(format!("arg 5 (closure) expected cell, found {}", cell.ob_type().name())));
        }
    }
    let f = new_function(vm, code.clone(), globals)?;
    let func = f.downcast::<PyFunction>().unwrap();
    if !is_none(&name) {
        *func.name.borrow_mut() = name.unwrap();
    }
    if !is_none(&defaults) {
        *func.defaults.borrow_mut() = defaults;
    }
    if nfree > 0 {
        *func.closure.borrow_mut() = closure;
    }
    if !is_none(&kwdefaults) {
        *func.kwdefaults.borrow_mut() = kwdefaults;
    }
    Ok(f)
}

fn function_call(vm: &Vm, callable: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    crate::eval::call_function(vm, callable, args, kwnames)
}

fn function_repr(_vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    let f = obj.downcast::<PyFunction>().unwrap();
    let q = pystr::to_string(&f.qualname.borrow());
    Ok(pystr::new_str(&format!("<function {q} at {:#x}>", obj.addr())))
}

fn function_descr_get(_vm: &Vm, f: &PyObject, obj: Option<&PyObject>, _tp: &PyObject) -> PyResult<PyRef> {
    match obj {
        None => Ok(f.to_ref()),
        Some(o) if o.is(none::none_ref()) && false => Ok(f.to_ref()),
        Some(o) => Ok(new_method(f.to_ref(), o.to_ref())),
    }
}

// ---------------------------------------------------------------------------------------
// method

/// A bound method (`PyMethodObject`): `__func__` with `__self__` prepended on call.
pub struct PyMethod {
    pub func: PyRef,
    pub self_: PyRef,
}

impl PyPayload for PyMethod {
    fn static_type() -> &'static PyTypeObject {
        &METHOD_TYPE
    }
}

pub static METHOD_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("method"),
        tp_flags: Cell::new(flags::IMMUTABLETYPE),
        tp_dealloc: Cell::new(dealloc::<PyMethod>),
        tp_call: Cell::new(Some(method_call)),
        tp_repr: Cell::new(Some(method_repr)),
        tp_getattro: Cell::new(Some(method_getattro)),
        tp_richcompare: Cell::new(Some(method_richcompare)),
        tp_hash: Cell::new(Some(method_hash)),
        tp_getset: METHOD_GETSET,
        ..PyTypeData::BASE
    },
));

static METHOD_GETSET: &[GetSetDef] = &[
    GetSetDef::new("__func__", method_func, None),
    GetSetDef::new("__self__", method_self, None),
];

pub fn new_method(func: PyRef, self_: PyRef) -> PyRef {
    alloc_object(&METHOD_TYPE, PyMethod { func, self_ })
}

fn method_call(vm: &Vm, callable: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let m = callable.downcast::<PyMethod>().unwrap();
    let mut full = Vec::with_capacity(args.len() + 1);
    full.push(m.self_.clone());
    full.extend_from_slice(args);
    crate::protocol::call(vm, &m.func, &full, kwnames)
}

fn method_repr(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    let m = obj.downcast::<PyMethod>().unwrap();
    let name = match crate::protocol::getattr_opt(vm, &m.func, &vm.intern("__qualname__"))? {
        Some(n) => pystr::to_string(&n),
        None => "?".to_string(),
    };
    let r = crate::protocol::repr_string(vm, &m.self_)?;
    Ok(pystr::new_str(&format!("<bound method {name} of {r}>")))
}

/// Attributes not found on the method are looked up on `__func__`.
fn method_getattro(vm: &Vm, obj: &PyObject, name: &PyObject) -> PyResult<PyRef> {
    if let Some(v) = crate::types::object::generic_getattr_opt(vm, obj, name)? {
        return Ok(v);
    }
    let m = obj.downcast::<PyMethod>().unwrap();
    crate::protocol::getattr(vm, &m.func, name)
}

fn method_richcompare(_vm: &Vm, a: &PyObject, b: &PyObject, op: crate::object::CompareOp) -> PyResult<PyRef> {
    use crate::object::CompareOp;
    let (Some(x), Some(y)) = (a.downcast::<PyMethod>(), b.downcast::<PyMethod>()) else {
        return Ok(none::not_implemented());
    };
    let eq = x.func.is(&y.func) && x.self_.is(&y.self_);
    match op {
        CompareOp::Eq => Ok(none::bool_(eq)),
        CompareOp::Ne => Ok(none::bool_(!eq)),
        _ => Ok(none::not_implemented()),
    }
}

fn method_hash(vm: &Vm, obj: &PyObject) -> PyResult<i64> {
    let m = obj.downcast::<PyMethod>().unwrap();
    let a = crate::hash::hash_pointer(m.self_.addr());
    let b = crate::protocol::hash(vm, &m.func)?;
    let h = a ^ b;
    Ok(if h == -1 { -2 } else { h })
}

fn method_func(_vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    Ok(obj.downcast::<PyMethod>().unwrap().func.clone())
}

fn method_self(_vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    Ok(obj.downcast::<PyMethod>().unwrap().self_.clone())
}
