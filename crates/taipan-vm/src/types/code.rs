//! `code` objects: the compiler's plain-data [`CodeObject`] with its constants and names
//! turned into objects once, when the code object is created (so the interpreter indexes
//! `co_consts` / `co_names` directly).

use std::cell::Cell;
use std::sync::Arc;

use taipan_bytecode::{CodeObject, Constant};

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::flags;
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::descr::GetSetDef;
use crate::types::{code_attrs, none, str as pystr, tuple, type_};
use crate::unicode::PyStrData;
use crate::vm::Vm;

pub struct PyCode {
    pub code: Arc<CodeObject>,
    pub consts: Box<[PyRef]>,
    pub names: Box<[PyRef]>,
    pub localsplusnames: Box<[PyRef]>,
    pub filename: PyRef,
    pub name: PyRef,
    pub qualname: PyRef,
    /// `co_nlocalsplus`: locals, cells and free variables.
    pub nlocalsplus: usize,
    /// Number of cell variables that are not arguments, and free variables (for
    /// `COPY_FREE_VARS` / `MAKE_CELL`).
    pub nfreevars: usize,
    /// The bytes the interpreter executes: `co_code` with inline-cache units filled in
    /// (eval/cache.rs); `code.code` stays pristine.
    pub adaptive: Box<[u8]>,
    /// `LOAD_GLOBAL` caches, indexed from the adaptive bytes.
    pub global_cache: Box<[crate::eval::cache::GlobalCache]>,
    /// `LOAD_ATTR` caches, indexed from the adaptive bytes.
    pub attr_cache: Box<[crate::eval::cache::AttrCache]>,
}

impl PyPayload for PyCode {
    fn static_type() -> &'static PyTypeObject {
        &CODE_TYPE
    }
}

pub static CODE_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("code"),
        tp_flags: Cell::new(flags::IMMUTABLETYPE),
        tp_dealloc: Cell::new(dealloc::<PyCode>),
        tp_repr: Cell::new(Some(code_repr)),
        tp_getset: CODE_GETSET,
        tp_methods: code_attrs::CODE_METHODS,
        tp_richcompare: Cell::new(Some(code_attrs::code_richcompare)),
        tp_hash: Cell::new(Some(code_attrs::code_hash)),
        ..PyTypeData::BASE
    },
));

static CODE_GETSET: &[GetSetDef] = &[
    GetSetDef::new("co_name", co_name, None),
    GetSetDef::new("co_qualname", co_qualname, None),
    GetSetDef::new("co_filename", co_filename, None),
    GetSetDef::new("co_firstlineno", co_firstlineno, None),
    GetSetDef::new("co_consts", co_consts, None),
    GetSetDef::new("co_names", co_names, None),
    GetSetDef::new("co_flags", co_flags_get, None),
    GetSetDef::new("co_argcount", co_argcount, None),
    GetSetDef::new("co_posonlyargcount", code_attrs::co_posonlyargcount, None),
    GetSetDef::new("co_kwonlyargcount", code_attrs::co_kwonlyargcount, None),
    GetSetDef::new("co_nlocals", code_attrs::co_nlocals, None),
    GetSetDef::new("co_stacksize", code_attrs::co_stacksize, None),
    GetSetDef::new("co_varnames", code_attrs::co_varnames, None),
    GetSetDef::new("co_cellvars", code_attrs::co_cellvars, None),
    GetSetDef::new("co_freevars", code_attrs::co_freevars, None),
    GetSetDef::new("co_code", code_attrs::co_code, None),
    GetSetDef::new("_co_code_adaptive", code_attrs::co_code, None),
    GetSetDef::new("co_linetable", code_attrs::co_linetable, None),
    GetSetDef::new("co_exceptiontable", code_attrs::co_exceptiontable, None),
    GetSetDef::new("co_lnotab", code_attrs::co_lnotab, None),
];

/// Convert a compiler constant to an object.
pub fn constant_to_object(vm: &Vm, c: &Constant) -> PyRef {
    match c {
        Constant::None => none::none(),
        Constant::Ellipsis => none::ellipsis(),
        Constant::StopIteration => crate::types::exceptions::STOP_ITERATION.to_ref(),
        Constant::Bool(b) => none::bool_(*b),
        Constant::Int(i) => crate::types::int::new_bigint(i.clone()),
        Constant::Float(f) => crate::types::float::new_float(*f),
        Constant::Complex { real, imag } => crate::types::complex_new(*real, *imag),
        Constant::Str { value, interned } => {
            let data = PyStrData::from_pystr(value);
            if *interned {
                if let Some(s) = data.as_str() {
                    return vm.intern(s);
                }
            }
            pystr::from_data(data)
        }
        Constant::Bytes(b) => crate::types::bytes_new(b),
        Constant::Tuple(items) => tuple::new_tuple(items.iter().map(|c| constant_to_object(vm, c)).collect()),
        Constant::FrozenSet(items) => {
            crate::types::frozenset_new(vm, items.iter().map(|c| constant_to_object(vm, c)).collect())
        }
        Constant::Code(code) => new_code(vm, code.clone()),
        Constant::List(items) => crate::types::list::new_list(items.iter().map(|c| constant_to_object(vm, c)).collect()),
        #[allow(unreachable_patterns)]
        _ => none::none(),
    }
}

fn intern_pystr(vm: &Vm, s: &taipan_bytecode::PyStr) -> PyRef {
    let data = PyStrData::from_pystr(s);
    match data.as_str() {
        Some(t) => vm.intern(t),
        None => pystr::from_data(data),
    }
}

/// A code object from compiled code.
pub fn new_code(vm: &Vm, code: Arc<CodeObject>) -> PyRef {
    let consts = code.consts.iter().map(|c| constant_to_object(vm, c)).collect();
    let names = code.names.iter().map(|n| intern_pystr(vm, n)).collect();
    let localsplusnames = code.localsplusnames.iter().map(|n| intern_pystr(vm, n)).collect();
    let nfreevars = code.localspluskinds.iter().filter(|&&k| k & taipan_bytecode::code::kinds::CO_FAST_FREE != 0).count();
    let q = crate::eval::cache::quicken(&code);
    alloc_object(
        &CODE_TYPE,
        PyCode {
            adaptive: q.bytes,
            global_cache: q.globals,
            attr_cache: q.attrs,
            nlocalsplus: code.localsplusnames.len(),
            nfreevars,
            filename: intern_pystr(vm, &code.filename),
            name: intern_pystr(vm, &code.name),
            qualname: intern_pystr(vm, &code.qualname),
            consts,
            names,
            localsplusnames,
            code,
        },
    )
}

pub fn as_code(obj: &PyObject) -> &PyCode {
    obj.downcast::<PyCode>().expect("a code object")
}

impl PyCode {
    /// The function docstring (3.13's `PyFunction_New`): `co_consts[0]` when it is a
    /// str — the compiler puts None first in functions without a docstring.
    pub fn docstring(&self) -> PyRef {
        match self.consts.first() {
            Some(c) if pystr::downcast_str(c).is_some() => c.clone(),
            _ => none::none(),
        }
    }
}

fn code_repr(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let c = as_code(o);
    let line = c.code.firstlineno;
    Ok(pystr::new_str(&format!(
        "<code object {} at {:#x}, file \"{}\", line {line}>",
        pystr::to_string(&c.name),
        o.addr(),
        pystr::to_string(&c.filename)
    )))
}

fn co_name(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(as_code(o).name.clone())
}
fn co_qualname(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(as_code(o).qualname.clone())
}
fn co_filename(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(as_code(o).filename.clone())
}
fn co_firstlineno(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(crate::types::int::new_int(as_code(o).code.firstlineno as i64))
}
fn co_consts(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(tuple::new_tuple(as_code(o).consts.to_vec()))
}
fn co_names(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(tuple::new_tuple(as_code(o).names.to_vec()))
}
fn co_flags_get(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(crate::types::int::new_int(as_code(o).code.flags as i64))
}
fn co_argcount(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(crate::types::int::new_int(as_code(o).code.argcount as i64))
}
