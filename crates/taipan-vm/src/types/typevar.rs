//! The PEP 695 objects of `_typing`, native as in CPython (Objects/typevarobject.c):
//! `TypeVar`, `ParamSpec`, `TypeVarTuple`, `TypeAliasType`, `Generic` and `NoDefault`,
//! and the `CALL_INTRINSIC_1`/`_2` functions the compiler emits for `type X = …`,
//! `def f[T]()` and `class C[T]`.
//!
//! **Representation.** The three kinds of type parameter share one payload,
//! [`TypeParam`], wrapped in a distinct newtype per type (so each has its own static
//! type and `downcast`). A bound, constraints or default written in PEP 695 syntax is
//! lazy: the compiler passes a function, called on first access of `__bound__` /
//! `__constraints__` / `__default__` and cached. A `type` alias likewise keeps the
//! function computing its `__value__`.
//!
//! `Generic` is a plain static class: `Generic[T]` is a `types.GenericAlias` whose
//! `__mro_entries__` gives `Generic`, and `Generic.__init_subclass__` sets the new
//! class's `__parameters__` from its `__orig_bases__` (CPython delegates both to
//! `typing.py`; taipan keeps them native so `class C[T]` needs no Lib import).

use std::cell::{Cell, RefCell};

use crate::error::PyResult;
use crate::object::inner::{dealloc, dealloc_never};
use crate::object::typeobj::{flags, static_name};
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::protocol;
use crate::types::descr::GetSetDef;
use crate::types::function::{check_arity, MethodDef};
use crate::types::generic_alias::{self, downcast_alias};
use crate::types::{dict, none, str as pystr, tuple, type_};
use crate::vm::Vm;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    TypeVar,
    ParamSpec,
    TypeVarTuple,
}

/// What `TypeVar`, `ParamSpec` and `TypeVarTuple` objects hold.
pub struct TypeParam {
    pub kind: ParamKind,
    pub name: PyRef,
    bound: RefCell<Option<PyRef>>,
    evaluate_bound: Option<PyRef>,
    constraints: RefCell<Option<PyRef>>,
    evaluate_constraints: Option<PyRef>,
    default: RefCell<Option<PyRef>>,
    evaluate_default: RefCell<Option<PyRef>>,
    covariant: bool,
    contravariant: bool,
    infer_variance: bool,
    module: Option<PyRef>,
}

pub struct PyTypeVar(pub TypeParam);
pub struct PyParamSpec(pub TypeParam);
pub struct PyTypeVarTuple(pub TypeParam);

impl PyPayload for PyTypeVar {
    fn static_type() -> &'static PyTypeObject {
        &TYPEVAR_TYPE
    }
}
impl PyPayload for PyParamSpec {
    fn static_type() -> &'static PyTypeObject {
        &PARAMSPEC_TYPE
    }
}
impl PyPayload for PyTypeVarTuple {
    fn static_type() -> &'static PyTypeObject {
        &TYPEVARTUPLE_TYPE
    }
}

macro_rules! param_type {
    ($tstatic:ident, $payload:ty, $name:literal, $methods:expr, $getset:expr) => {
        pub static $tstatic: Static<PyTypeObject> = Static(PyInner::new_static(
            &type_::TYPE_TYPE.0,
            PyTypeData {
                tp_name: static_name($name),
                tp_flags: Cell::new(flags::IMMUTABLETYPE),
                tp_dealloc: Cell::new(dealloc::<$payload>),
                tp_repr: Cell::new(Some(param_repr)),
                tp_new: Cell::new(Some(param_new)),
                tp_methods: $methods,
                tp_getset: $getset,
                tp_as_number: crate::object::typeobj::NumberSlots {
                    nb_or: Cell::new(Some(param_or)),
                    ..crate::object::typeobj::NumberSlots::EMPTY
                },
                ..PyTypeData::BASE
            },
        ));
    };
}

param_type!(TYPEVAR_TYPE, PyTypeVar, "typing.TypeVar", PARAM_METHODS, TYPEVAR_GETSET);
param_type!(PARAMSPEC_TYPE, PyParamSpec, "typing.ParamSpec", PARAM_METHODS, PARAMSPEC_GETSET);
param_type!(TYPEVARTUPLE_TYPE, PyTypeVarTuple, "typing.TypeVarTuple", PARAM_METHODS, TYPEVARTUPLE_GETSET);

static PARAM_METHODS: &[MethodDef] = &[
    MethodDef::method("has_default", param_has_default),
    MethodDef::method("__typing_subst__", param_typing_subst),
    MethodDef::method("__reduce__", param_reduce),
    MethodDef::method("__mro_entries__", param_mro_entries),
];

static TYPEVAR_GETSET: &[GetSetDef] = &[
    GetSetDef::new("__name__", param_get_name, None),
    GetSetDef::new("__module__", param_get_module, None),
    GetSetDef::new("__bound__", param_get_bound, None),
    GetSetDef::new("__constraints__", param_get_constraints, None),
    GetSetDef::new("__covariant__", param_get_covariant, None),
    GetSetDef::new("__contravariant__", param_get_contravariant, None),
    GetSetDef::new("__infer_variance__", param_get_infer_variance, None),
    GetSetDef::new("__default__", param_get_default, None),
    GetSetDef::new("evaluate_bound", param_get_evaluate_bound, None),
    GetSetDef::new("evaluate_constraints", param_get_evaluate_constraints, None),
    GetSetDef::new("evaluate_default", param_get_evaluate_default, None),
];

static PARAMSPEC_GETSET: &[GetSetDef] = &[
    GetSetDef::new("__name__", param_get_name, None),
    GetSetDef::new("args", paramspec_get_args, None),
    GetSetDef::new("kwargs", paramspec_get_kwargs, None),
    GetSetDef::new("__module__", param_get_module, None),
    GetSetDef::new("__bound__", param_get_bound, None),
    GetSetDef::new("__covariant__", param_get_covariant, None),
    GetSetDef::new("__contravariant__", param_get_contravariant, None),
    GetSetDef::new("__infer_variance__", param_get_infer_variance, None),
    GetSetDef::new("__default__", param_get_default, None),
    GetSetDef::new("evaluate_default", param_get_evaluate_default, None),
];

static TYPEVARTUPLE_GETSET: &[GetSetDef] = &[
    GetSetDef::new("__name__", param_get_name, None),
    GetSetDef::new("__module__", param_get_module, None),
    GetSetDef::new("__default__", param_get_default, None),
    GetSetDef::new("evaluate_default", param_get_evaluate_default, None),
];

/// The type parameter payload of `o`, if it is a TypeVar, ParamSpec or TypeVarTuple.
pub fn type_param(o: &PyObject) -> Option<&TypeParam> {
    if let Some(t) = o.downcast::<PyTypeVar>() {
        return Some(&t.payload.0);
    }
    if let Some(t) = o.downcast::<PyParamSpec>() {
        return Some(&t.payload.0);
    }
    o.downcast::<PyTypeVarTuple>().map(|t| &t.payload.0)
}

pub fn is_type_param(o: &PyObject) -> bool {
    type_param(o).is_some()
}

fn tp(o: &PyObject) -> &TypeParam {
    type_param(o).expect("a type parameter")
}

fn caller_module(vm: &Vm) -> Option<PyRef> {
    let g = vm.frames.current_globals()?;
    dict::get_item_str_key(&g, &vm.intern("__name__"))
}

struct ParamSpecArgs {
    bound: Option<PyRef>,
    evaluate_bound: Option<PyRef>,
    constraints: Option<PyRef>,
    evaluate_constraints: Option<PyRef>,
    default: Option<PyRef>,
    covariant: bool,
    contravariant: bool,
    infer_variance: bool,
}

const NO_OPTIONS: ParamSpecArgs = ParamSpecArgs {
    bound: None,
    evaluate_bound: None,
    constraints: None,
    evaluate_constraints: None,
    default: None,
    covariant: false,
    contravariant: false,
    infer_variance: false,
};

/// A type parameter; `module` is its `__module__` (the caller's for `TypeVar(...)`,
/// `'typing'` for those of PEP 695 syntax, as CPython's intrinsics leave it to the type).
fn new_param(kind: ParamKind, name: PyRef, o: ParamSpecArgs, module: Option<PyRef>) -> PyRef {
    let p = TypeParam {
        kind,
        name,
        bound: RefCell::new(o.bound),
        evaluate_bound: o.evaluate_bound,
        constraints: RefCell::new(o.constraints),
        evaluate_constraints: o.evaluate_constraints,
        default: RefCell::new(o.default),
        evaluate_default: RefCell::new(None),
        covariant: o.covariant,
        contravariant: o.contravariant,
        infer_variance: o.infer_variance,
        module,
    };
    match kind {
        ParamKind::TypeVar => alloc_object(&TYPEVAR_TYPE, PyTypeVar(p)),
        ParamKind::ParamSpec => alloc_object(&PARAMSPEC_TYPE, PyParamSpec(p)),
        ParamKind::TypeVarTuple => alloc_object(&TYPEVARTUPLE_TYPE, PyTypeVarTuple(p)),
    }
}

fn param_repr(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let p = tp(o);
    let name = pystr::to_string(&p.name);
    let prefix = if p.kind == ParamKind::TypeVarTuple || p.infer_variance {
        ""
    } else if p.covariant {
        "+"
    } else if p.contravariant {
        "-"
    } else {
        "~"
    };
    Ok(pystr::new_str(&format!("{prefix}{name}")))
}

/// `T | X`. CPython answers `typing.Union[T, X]` through `typing.py`; until the Lib
/// imports, taipan builds the equivalent `types.UnionType` (its repr differs).
fn param_or(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    crate::types::union::make_union(vm, &[a.to_ref(), b.to_ref()])
}

/// `TypeVar(name, *constraints, bound=None, covariant=False, contravariant=False,
/// infer_variance=False, default=NoDefault)` and the ParamSpec/TypeVarTuple subsets.
fn param_new(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let t = type_::as_type(vm, cls)?;
    let kind = if t.is_subtype(&TYPEVAR_TYPE) {
        ParamKind::TypeVar
    } else if t.is_subtype(&PARAMSPEC_TYPE) {
        ParamKind::ParamSpec
    } else {
        ParamKind::TypeVarTuple
    };
    let npos = args.len() - kwnames.len();
    // Argument errors name the constructor as its clinic does: typevar(), paramspec(), ...
    let tname = t.name().to_lowercase();
    let mut name = if npos >= 1 { Some(args[0].clone()) } else { None };
    let mut o = NO_OPTIONS;
    if npos > 1 {
        if kind != ParamKind::TypeVar {
            return Err(vm.type_error(format!("{tname}() takes exactly 1 positional argument ({npos} given)")));
        }
        if npos == 2 {
            return Err(vm.type_error("A single constraint is not allowed"));
        }
        o.constraints = Some(tuple::new_tuple(args[1..npos].to_vec()));
    }
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        let k = pystr::to_string(k);
        let flag = || protocol::is_true(vm, v);
        match (k.as_str(), kind) {
            ("name", _) if name.is_none() => name = Some(v.clone()),
            ("bound", ParamKind::TypeVar | ParamKind::ParamSpec) => {
                if !v.is(none::none_ref()) {
                    o.bound = Some(v.clone())
                }
            }
            ("covariant", ParamKind::TypeVar | ParamKind::ParamSpec) => o.covariant = flag()?,
            ("contravariant", ParamKind::TypeVar | ParamKind::ParamSpec) => o.contravariant = flag()?,
            ("infer_variance", ParamKind::TypeVar | ParamKind::ParamSpec) => o.infer_variance = flag()?,
            ("default", _) => {
                if !v.is(NO_DEFAULT.as_object()) {
                    o.default = Some(v.clone())
                }
            }
            _ => return Err(vm.type_error(format!("{tname}() got an unexpected keyword argument '{k}'"))),
        }
    }
    let Some(name) = name else {
        return Err(vm.type_error(format!("{tname}() missing required argument 'name' (pos 1)")));
    };
    if pystr::downcast_str(&name).is_none() {
        return Err(vm.type_error(format!("{tname}() argument 'name' must be str, not {}", name.ob_type().name())));
    }
    if o.covariant && o.contravariant {
        return Err(vm.value_error("Bivariant types are not supported."));
    }
    if o.infer_variance && (o.covariant || o.contravariant) {
        return Err(vm.value_error("Variance cannot be specified with infer_variance."));
    }
    if o.bound.is_some() && o.constraints.is_some() {
        return Err(vm.type_error("Constraints cannot be combined with bound=..."));
    }
    Ok(new_param(kind, name, o, caller_module(vm)))
}

fn param_get_name(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(tp(o).name.clone())
}
fn paramspec_get_args(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(crate::types::typing_module::new_paramspec_attr(o, false))
}
fn paramspec_get_kwargs(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(crate::types::typing_module::new_paramspec_attr(o, true))
}
fn param_get_module(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(tp(o).module.clone().unwrap_or_else(none::none))
}

/// A lazily evaluated field: the cached value, else the evaluator's result (cached).
fn lazy(vm: &Vm, cache: &RefCell<Option<PyRef>>, eval: Option<&PyRef>) -> PyResult<Option<PyRef>> {
    if let Some(v) = cache.borrow().clone() {
        return Ok(Some(v));
    }
    let Some(f) = eval else { return Ok(None) };
    let v = protocol::call(vm, f, &[], &[])?;
    *cache.borrow_mut() = Some(v.clone());
    Ok(Some(v))
}

fn param_get_bound(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let p = tp(o);
    Ok(lazy(vm, &p.bound, p.evaluate_bound.as_ref())?.unwrap_or_else(none::none))
}
fn param_get_constraints(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let p = tp(o);
    Ok(lazy(vm, &p.constraints, p.evaluate_constraints.as_ref())?.unwrap_or_else(tuple::empty_tuple))
}
fn param_get_default(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let p = tp(o);
    let eval = p.evaluate_default.borrow().clone();
    Ok(lazy(vm, &p.default, eval.as_ref())?.unwrap_or_else(|| NO_DEFAULT.to_ref()))
}
fn param_get_covariant(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(none::bool_(tp(o).covariant))
}
fn param_get_contravariant(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(none::bool_(tp(o).contravariant))
}
fn param_get_infer_variance(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(none::bool_(tp(o).infer_variance))
}
fn param_get_evaluate_bound(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(tp(o).evaluate_bound.clone().unwrap_or_else(none::none))
}
fn param_get_evaluate_constraints(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(tp(o).evaluate_constraints.clone().unwrap_or_else(none::none))
}
fn param_get_evaluate_default(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(tp(o).evaluate_default.borrow().clone().unwrap_or_else(none::none))
}

fn param_has_default(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(none::bool_(tp(&args[0]).has_default()))
}

impl TypeParam {
    pub fn has_default(&self) -> bool {
        self.default.borrow().is_some() || self.evaluate_default.borrow().is_some()
    }
}

/// The default of a type parameter that has one (evaluated on first use).
pub fn param_default(vm: &Vm, o: &PyObject) -> PyResult<Option<PyRef>> {
    match type_param(o) {
        Some(p) if p.has_default() => param_get_default(vm, o).map(Some),
        _ => Ok(None),
    }
}
fn param_typing_subst(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "__typing_subst__", &args[1..], 1, 1)?;
    Ok(args[1].clone())
}
fn param_reduce(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(tp(&args[0]).name.clone())
}
fn param_mro_entries(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Err(vm.type_error(format!("Cannot subclass an instance of {}", args[0].ob_type().name())))
}

// --- NoDefault ------------------------------------------------------------------------------

pub struct PyNoDefault;

impl PyPayload for PyNoDefault {
    fn static_type() -> &'static PyTypeObject {
        &NO_DEFAULT_TYPE
    }
}

pub static NO_DEFAULT_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: static_name("NoDefaultType"),
        tp_flags: Cell::new(flags::IMMUTABLETYPE),
        tp_dealloc: Cell::new(dealloc_never),
        tp_repr: Cell::new(Some(no_default_repr)),
        ..PyTypeData::BASE
    },
));

/// `typing.NoDefault`: the `__default__` of a type parameter without one.
pub static NO_DEFAULT: Static<PyInner<PyNoDefault>> = Static(PyInner::new_static(&NO_DEFAULT_TYPE.0, PyNoDefault));

fn no_default_repr(_vm: &Vm, _o: &PyObject) -> PyResult<PyRef> {
    Ok(pystr::new_str("typing.NoDefault"))
}

// --- TypeAliasType --------------------------------------------------------------------------

pub struct PyTypeAlias {
    name: PyRef,
    /// A tuple (empty for a non-generic alias).
    type_params: PyRef,
    compute_value: Option<PyRef>,
    value: RefCell<Option<PyRef>>,
    module: Option<PyRef>,
}

impl PyPayload for PyTypeAlias {
    fn static_type() -> &'static PyTypeObject {
        &TYPE_ALIAS_TYPE
    }
}

pub static TYPE_ALIAS_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: static_name("typing.TypeAliasType"),
        tp_flags: Cell::new(flags::IMMUTABLETYPE),
        tp_dealloc: Cell::new(dealloc::<PyTypeAlias>),
        tp_repr: Cell::new(Some(alias_repr)),
        tp_new: Cell::new(Some(alias_new)),
        tp_methods: ALIAS_METHODS,
        tp_getset: ALIAS_GETSET,
        tp_as_mapping: crate::object::typeobj::MappingSlots {
            mp_subscript: Cell::new(Some(alias_getitem)),
            ..crate::object::typeobj::MappingSlots::EMPTY
        },
        tp_as_number: crate::object::typeobj::NumberSlots {
            nb_or: Cell::new(Some(crate::types::union::union_type_or)),
            ..crate::object::typeobj::NumberSlots::EMPTY
        },
        ..PyTypeData::BASE
    },
));

static ALIAS_METHODS: &[MethodDef] = &[MethodDef::method("__reduce__", alias_reduce)];

static ALIAS_GETSET: &[GetSetDef] = &[
    GetSetDef::new("__name__", alias_get_name, None),
    GetSetDef::new("__module__", alias_get_module, None),
    GetSetDef::new("__value__", alias_get_value, None),
    GetSetDef::new("__type_params__", alias_get_type_params, None),
    GetSetDef::new("__parameters__", alias_get_parameters, None),
];

pub fn is_type_alias(o: &PyObject) -> bool {
    o.downcast::<PyTypeAlias>().is_some()
}

fn ta(o: &PyObject) -> &PyTypeAlias {
    &o.downcast::<PyTypeAlias>().expect("a TypeAliasType").payload
}

fn alias_repr(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(ta(o).name.clone())
}

fn alias_get_name(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(ta(o).name.clone())
}
fn alias_get_module(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(ta(o).module.clone().unwrap_or_else(none::none))
}
fn alias_get_value(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let a = ta(o);
    Ok(lazy(vm, &a.value, a.compute_value.as_ref())?.unwrap_or_else(none::none))
}
fn alias_get_type_params(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(ta(o).type_params.clone())
}
fn alias_get_parameters(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    generic_alias::make_parameters(vm, tuple::tuple_items(&ta(o).type_params))
}
fn alias_reduce(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(ta(&args[0]).name.clone())
}

fn alias_getitem(vm: &Vm, o: &PyObject, item: &PyObject) -> PyResult<PyRef> {
    if tuple::tuple_items(&ta(o).type_params).is_empty() {
        return Err(vm.type_error("Only generic type aliases are subscriptable"));
    }
    Ok(generic_alias::new_generic_alias(o, item))
}

/// `TypeAliasType(name, value, *, type_params=())`.
fn alias_new(vm: &Vm, _cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let npos = args.len() - kwnames.len();
    let mut slots: [Option<PyRef>; 3] = [None, None, None];
    if npos > 2 {
        return Err(vm.type_error(format!("typealias() takes at most 2 positional arguments ({npos} given)")));
    }
    for (i, a) in args[..npos].iter().enumerate() {
        slots[i] = Some(a.clone());
    }
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        let i = match pystr::to_string(k).as_str() {
            "name" => 0,
            "value" => 1,
            "type_params" => 2,
            k => return Err(vm.type_error(format!("typealias() got an unexpected keyword argument '{k}'"))),
        };
        slots[i] = Some(v.clone());
    }
    let [name, value, type_params] = slots;
    let Some(name) = name else {
        return Err(vm.type_error("typealias() missing required argument 'name' (pos 1)"));
    };
    let Some(value) = value else {
        return Err(vm.type_error("typealias() missing required argument 'value' (pos 2)"));
    };
    if pystr::downcast_str(&name).is_none() {
        return Err(vm.type_error(format!("typealias() argument 'name' must be str, not {}", name.ob_type().name())));
    }
    let type_params = match type_params {
        Some(t) if tuple::downcast_tuple(&t).is_some() => t,
        Some(_) => return Err(vm.type_error("type_params must be a tuple")),
        None => tuple::empty_tuple(),
    };
    Ok(new_type_alias(vm, name, type_params, None, Some(value)))
}

fn new_type_alias(vm: &Vm, name: PyRef, type_params: PyRef, compute_value: Option<PyRef>, value: Option<PyRef>) -> PyRef {
    alloc_object(
        &TYPE_ALIAS_TYPE,
        PyTypeAlias { name, type_params, compute_value, value: RefCell::new(value), module: caller_module(vm) },
    )
}

// --- Generic --------------------------------------------------------------------------------

pub static GENERIC_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: static_name("typing.Generic"),
        tp_flags: Cell::new(flags::BASETYPE | flags::IMMUTABLETYPE),
        tp_dealloc: Cell::new(dealloc::<crate::types::object::PyBaseObject>),
        tp_new: Cell::new(Some(crate::types::object::object_new)),
        tp_methods: GENERIC_METHODS,
        tp_doc: Some(
            "Abstract base class for generic types.\n\nOn Python 3.12 and newer, generic classes implicitly inherit from\nGeneric when they declare a parameter list after the class's name::\n\n    class Mapping[KT, VT]:\n        def __getitem__(self, key: KT) -> VT:\n            ...\n        # Etc.\n\nOn older versions of Python, however, generic classes have to\nexplicitly inherit from Generic.\n\nAfter a class has been declared to be generic, it can then be used as\nfollows::\n\n    def lookup_name[KT, VT](mapping: Mapping[KT, VT], key: KT, default: VT) -> VT:\n        try:\n            return mapping[key]\n        except KeyError:\n            return default",
        ),
        ..PyTypeData::BASE
    },
));

static GENERIC_METHODS: &[MethodDef] = &[
    MethodDef::classmethod("__class_getitem__", generic_class_getitem),
    MethodDef::classmethod("__init_subclass__", generic_init_subclass),
];

fn generic_class_getitem(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, "__class_getitem__", kw)?;
    check_arity(vm, "__class_getitem__", &args[1..], 1, 1)?;
    let cls = &args[0];
    if cls.is(GENERIC_TYPE.as_object()) {
        let params = match tuple::downcast_tuple(&args[1]) {
            Some(t) => t.to_vec(),
            None => vec![args[1].clone()],
        };
        if params.is_empty() {
            return Err(vm.type_error("Parameter list to Generic[...] cannot be empty"));
        }
        for p in &params {
            if !is_type_param(p) {
                return Err(vm.type_error("Parameters to Generic[...] must all be type variables or parameter specification variables."));
            }
        }
    }
    Ok(generic_alias::new_generic_alias(cls, &args[1]))
}

/// `Generic.__init_subclass__`: `cls.__parameters__` from `Generic[...]` among the
/// original bases, else the parameters of all generic bases.
fn generic_init_subclass(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let cls = &args[0];
    let Some(t) = type_::downcast_type(cls) else { return Ok(none::none()) };
    let d = t.tp_dict.borrow().clone();
    let mut params: Vec<PyRef> = Vec::new();
    if let Some(d) = d {
        if let Some(orig) = dict::get_item_str_key(&d, &vm.intern("__orig_bases__")) {
            let bases = protocol::iterate(vm, &orig)?;
            let mut gvars: Option<Vec<PyRef>> = None;
            for b in &bases {
                if let Some(a) = downcast_alias(b) {
                    if a.origin.is(GENERIC_TYPE.as_object()) {
                        gvars = Some(tuple::tuple_items(&a.args).to_vec());
                    }
                }
            }
            params = match gvars {
                Some(g) => g,
                None => {
                    let ps = generic_alias::make_parameters(vm, &bases)?;
                    tuple::tuple_items(&ps).to_vec()
                }
            };
        }
    }
    protocol::setattr(vm, cls, &vm.intern("__parameters__"), &tuple::new_tuple(params))?;
    Ok(none::none())
}

// --- the intrinsics -------------------------------------------------------------------------

/// `CALL_INTRINSIC_1` 7–11: TYPEVAR, PARAMSPEC, TYPEVARTUPLE, SUBSCRIPT_GENERIC, TYPEALIAS.
pub fn intrinsic_1(vm: &Vm, v: &PyObject, oparg: u32) -> PyResult<PyRef> {
    let inferred = ParamSpecArgs { infer_variance: true, ..NO_OPTIONS };
    let typing = || Some(vm.intern("typing"));
    match oparg {
        7 => Ok(new_param(ParamKind::TypeVar, v.to_ref(), inferred, typing())),
        8 => Ok(new_param(ParamKind::ParamSpec, v.to_ref(), inferred, typing())),
        9 => Ok(new_param(ParamKind::TypeVarTuple, v.to_ref(), NO_OPTIONS, typing())),
        10 => Ok(generic_alias::new_generic_alias(GENERIC_TYPE.as_object(), v)),
        11 => {
            let items = tuple::downcast_tuple(v).ok_or_else(|| vm.system_error("TYPEALIAS expects a tuple"))?;
            if items.len() != 3 {
                return Err(vm.system_error("TYPEALIAS expects a 3-tuple"));
            }
            let type_params = if items[1].is(none::none_ref()) { tuple::empty_tuple() } else { items[1].clone() };
            Ok(new_type_alias(vm, items[0].clone(), type_params, Some(items[2].clone()), None))
        }
        _ => Err(vm.system_error(format!("taipan: intrinsic {oparg} is not implemented yet"))),
    }
}

/// `CALL_INTRINSIC_2` 2–5: TYPEVAR_WITH_BOUND, TYPEVAR_WITH_CONSTRAINTS,
/// SET_FUNCTION_TYPE_PARAMS, SET_TYPEPARAM_DEFAULT.
pub fn intrinsic_2(vm: &Vm, a: &PyObject, b: &PyObject, oparg: u32) -> PyResult<PyRef> {
    match oparg {
        2 => Ok(new_param(
            ParamKind::TypeVar,
            a.to_ref(),
            ParamSpecArgs { evaluate_bound: Some(b.to_ref()), infer_variance: true, ..NO_OPTIONS },
            Some(vm.intern("typing")),
        )),
        3 => Ok(new_param(
            ParamKind::TypeVar,
            a.to_ref(),
            ParamSpecArgs { evaluate_constraints: Some(b.to_ref()), infer_variance: true, ..NO_OPTIONS },
            Some(vm.intern("typing")),
        )),
        4 => {
            protocol::setattr(vm, a, &vm.intern("__type_params__"), b)?;
            Ok(a.to_ref())
        }
        5 => {
            let p = type_param(a).ok_or_else(|| vm.type_error("expected a type parameter"))?;
            *p.evaluate_default.borrow_mut() = Some(b.to_ref());
            Ok(a.to_ref())
        }
        _ => Err(vm.system_error(format!("taipan: intrinsic2 {oparg} is not implemented yet"))),
    }
}

// --- the cycle collector's view -------------------------------------------------------------

fn visit_opt(c: &RefCell<Option<PyRef>>, visit: &mut dyn FnMut(&PyObject)) {
    if let Ok(b) = c.try_borrow() {
        if let Some(o) = &*b {
            visit(o);
        }
    }
}

fn take(c: &RefCell<Option<PyRef>>) {
    let old = c.try_borrow_mut().ok().and_then(|mut b| b.take());
    drop(old);
}

/// `tp_traverse` of TypeVar, ParamSpec and TypeVarTuple: the name, the bound,
/// constraints and default and their evaluators, the module name.
pub fn param_traverse(o: &PyObject, visit: &mut dyn FnMut(&PyObject)) {
    let p = tp(o);
    visit(&p.name);
    for c in [&p.bound, &p.constraints, &p.default, &p.evaluate_default] {
        visit_opt(c, visit);
    }
    for x in [&p.evaluate_bound, &p.evaluate_constraints, &p.module].into_iter().flatten() {
        visit(x);
    }
}

/// `tp_clear` of the type parameters: drop the lazily computed values and the default's
/// evaluator (the fields that may close a cycle through a function's globals).
pub fn param_clear(o: &PyObject) {
    let p = tp(o);
    for c in [&p.bound, &p.constraints, &p.default, &p.evaluate_default] {
        take(c);
    }
}

/// `tp_traverse` of TypeAliasType.
pub fn alias_traverse(o: &PyObject, visit: &mut dyn FnMut(&PyObject)) {
    let a = ta(o);
    visit(&a.name);
    visit(&a.type_params);
    visit_opt(&a.value, visit);
    for x in [&a.compute_value, &a.module].into_iter().flatten() {
        visit(x);
    }
}

/// `tp_clear` of TypeAliasType: drop the computed value.
pub fn alias_clear(o: &PyObject) {
    take(&ta(o).value);
}
