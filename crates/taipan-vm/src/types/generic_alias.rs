//! `types.GenericAlias` (PEP 585): what `list[int]`, `dict[str, int]` and `type[int]`
//! evaluate to.
//!
//! **Representation.** The alias keeps its `__origin__` (the subscripted class), its
//! `__args__` (always a tuple: a single subscript is wrapped) and, computed on first
//! use, `__parameters__`: the type variables among the arguments, in order, without
//! duplicates (an argument that is itself generic contributes its own parameters).
//!
//! Attribute access forwards to the origin for every name but a few of the alias's own
//! (`__origin__`, `__args__`, `__class__`, …), so `list[int].append` is `list.append`;
//! calling the alias calls the origin and then tries to set `__orig_class__` on the
//! result. Subscripting an alias with parameters substitutes them (`list[T][int]`).
//!
//! The built-in classes that are generic (`list`, `dict`, `tuple`, `set`, …) get a
//! `__class_getitem__` class method from [`install_class_getitem`] when the static types
//! are readied; `type[int]` is special-cased by the subscript protocol as in CPython.

use std::cell::{Cell, RefCell};

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::{flags, static_name, CompareOp};
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::protocol;
use crate::types::descr::GetSetDef;
use crate::types::function::{check_arity, no_kwargs, MethodDef};
use crate::types::{dict, exceptions, list, none, object, str as pystr, tuple, type_};
use crate::vm::Vm;

pub struct PyGenericAlias {
    pub origin: PyRef,
    /// Always a tuple.
    pub args: PyRef,
    parameters: RefCell<Option<PyRef>>,
    /// `*tuple[int]` (the unpacked form).
    pub starred: bool,
}

impl PyPayload for PyGenericAlias {
    fn static_type() -> &'static PyTypeObject {
        &GENERIC_ALIAS_TYPE
    }
}

pub static GENERIC_ALIAS_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: static_name("types.GenericAlias"),
        tp_flags: Cell::new(flags::BASETYPE),
        tp_dealloc: Cell::new(dealloc::<PyGenericAlias>),
        tp_repr: Cell::new(Some(ga_repr)),
        tp_hash: Cell::new(Some(ga_hash)),
        tp_richcompare: Cell::new(Some(ga_richcompare)),
        tp_call: Cell::new(Some(ga_call)),
        tp_getattro: Cell::new(Some(ga_getattro)),
        tp_iter: Cell::new(Some(ga_iter)),
        tp_new: Cell::new(Some(ga_new)),
        tp_methods: GA_METHODS,
        tp_getset: GA_GETSET,
        tp_as_mapping: crate::object::typeobj::MappingSlots {
            mp_subscript: Cell::new(Some(ga_getitem)),
            ..crate::object::typeobj::MappingSlots::EMPTY
        },
        tp_as_number: crate::object::typeobj::NumberSlots {
            nb_or: Cell::new(Some(crate::types::union::union_type_or)),
            ..crate::object::typeobj::NumberSlots::EMPTY
        },
        tp_doc: Some(
            "GenericAlias(origin, args, /)\n--\n\nRepresent a PEP 585 generic type\n\nE.g. for t = list[int], t.__origin__ is list and t.__args__ is (int,).",
        ),
        ..PyTypeData::BASE
    },
));

static GA_METHODS: &[MethodDef] = &[
    MethodDef::method("__mro_entries__", ga_mro_entries),
    MethodDef::method("__instancecheck__", ga_instancecheck),
    MethodDef::method("__subclasscheck__", ga_subclasscheck),
    MethodDef::method("__reduce__", ga_reduce),
    MethodDef::method("__dir__", ga_dir),
];

static GA_GETSET: &[GetSetDef] = &[
    GetSetDef::new("__origin__", ga_get_origin, None),
    GetSetDef::new("__args__", ga_get_args, None),
    GetSetDef::new("__parameters__", ga_get_parameters, None),
    GetSetDef::new("__unpacked__", ga_get_unpacked, None),
    GetSetDef::new("__typing_unpacked_tuple_args__", ga_get_unpacked_tuple_args, None),
];

/// `Py_GenericAlias(origin, args)`: `args` is wrapped in a tuple unless it is one.
pub fn new_generic_alias(origin: &PyObject, args: &PyObject) -> PyRef {
    new_alias(origin.to_ref(), as_args_tuple(args), false)
}

fn new_alias(origin: PyRef, args: PyRef, starred: bool) -> PyRef {
    alloc_object(&GENERIC_ALIAS_TYPE, PyGenericAlias { origin, args, parameters: RefCell::new(None), starred })
}

fn as_args_tuple(args: &PyObject) -> PyRef {
    if tuple::downcast_tuple(args).is_some() && std::ptr::eq(args.ob_type(), &*tuple::TUPLE_TYPE) {
        args.to_ref()
    } else {
        tuple::new_tuple(vec![args.to_ref()])
    }
}

pub fn downcast_alias(o: &PyObject) -> Option<&PyGenericAlias> {
    o.downcast::<PyGenericAlias>().map(|i| &i.payload)
}

fn ga(o: &PyObject) -> &PyGenericAlias {
    downcast_alias(o).expect("a GenericAlias")
}

/// `__class_getitem__` of the generic built-in classes: `cls[item]` is `GenericAlias(cls, item)`.
fn class_getitem(vm: &Vm, args: &[PyRef], kw: &[PyRef]) -> PyResult<PyRef> {
    let name = match type_::downcast_type(&args[0]) {
        Some(t) => format!("{}.__class_getitem__", t.name()),
        None => "__class_getitem__".to_string(),
    };
    no_kwargs(vm, &name, kw)?;
    check_arity(vm, &name, &args[1..], 1, 1)?;
    Ok(new_generic_alias(&args[0], &args[1]))
}

static CLASS_GETITEM: MethodDef = MethodDef::classmethod("__class_getitem__", class_getitem)
    .with_doc("See PEP 585");

/// Give the generic built-in classes their `__class_getitem__` (after `type_ready`).
pub fn install_class_getitem(vm: &Vm) {
    let types: [&'static PyTypeObject; 11] = [
        &list::LIST_TYPE,
        &tuple::TUPLE_TYPE,
        &dict::DICT_TYPE,
        &crate::types::set::SET_TYPE,
        &crate::types::set::FROZENSET_TYPE,
        &crate::types::iterators::ENUMERATE_TYPE,
        &exceptions::BASE_EXCEPTION_GROUP,
        &crate::types::gen::GENERATOR_TYPE,
        &crate::types::gen::COROUTINE_TYPE,
        &crate::types::asyncgen::ASYNC_GENERATOR_TYPE,
        &crate::types::mappingproxy::MAPPINGPROXY_TYPE,
    ];
    for tp in types {
        let d = tp.tp_dict.borrow().clone();
        if let Some(d) = d {
            let v = crate::types::descr::new_method_descriptor(tp, &CLASS_GETITEM);
            dict::set_item_str_key(vm, &d, &vm.intern("__class_getitem__"), &v);
            type_::type_modified(tp);
        }
    }
}

// --- repr ----------------------------------------------------------------------------------

/// `_Py_typing_type_repr`: how typing objects show a type inside `[...]` or `|`:
/// `...`, `None`, the repr of anything with `__origin__` and `__args__`, else
/// `module.qualname` (just `qualname` for builtins), else the repr.
pub fn type_repr_item(vm: &Vm, p: &PyObject) -> PyResult<String> {
    if p.is(&none::ellipsis()) {
        return Ok("...".into());
    }
    if p.is(none::NONE_TYPE.as_object()) {
        return Ok("None".into());
    }
    if protocol::getattr_opt(vm, p, &vm.intern("__origin__"))?.is_some()
        && protocol::getattr_opt(vm, p, &vm.intern("__args__"))?.is_some()
    {
        return protocol::repr_string(vm, p);
    }
    let Some(qualname) = protocol::getattr_opt(vm, p, &vm.intern("__qualname__"))? else {
        return protocol::repr_string(vm, p);
    };
    let module = protocol::getattr_opt(vm, p, &vm.intern("__module__"))?;
    match module {
        None => protocol::repr_string(vm, p),
        Some(m) if m.is(none::none_ref()) => protocol::repr_string(vm, p),
        Some(m) => {
            let q = protocol::str_string(vm, &qualname)?;
            let ms = protocol::str_string(vm, &m)?;
            if pystr::downcast_str(&m).is_some() && ms == "builtins" {
                Ok(q)
            } else {
                Ok(format!("{ms}.{q}"))
            }
        }
    }
}

fn repr_items_list(vm: &Vm, l: &PyObject) -> PyResult<String> {
    let items = list::list_items(l);
    let mut s = String::from("[");
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(&type_repr_item(vm, x)?);
    }
    s.push(']');
    Ok(s)
}

fn ga_repr(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let a = ga(o);
    let mut s = String::new();
    if a.starred {
        s.push('*');
    }
    s.push_str(&type_repr_item(vm, &a.origin)?);
    s.push('[');
    let args = tuple::tuple_items(&a.args);
    if args.is_empty() {
        s.push_str("()");
    }
    for (i, x) in args.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        if std::ptr::eq(x.ob_type(), &*list::LIST_TYPE) {
            s.push_str(&repr_items_list(vm, x)?);
        } else {
            s.push_str(&type_repr_item(vm, x)?);
        }
    }
    s.push(']');
    Ok(pystr::new_str(&s))
}

// --- comparison, hash, call ----------------------------------------------------------------

fn ga_hash(vm: &Vm, o: &PyObject) -> PyResult<i64> {
    let a = ga(o);
    let h = protocol::hash(vm, &a.origin)? ^ protocol::hash(vm, &a.args)?;
    Ok(if h == -1 { -2 } else { h })
}

fn ga_richcompare(vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let (Some(x), Some(y)) = (downcast_alias(a), downcast_alias(b)) else {
        return Ok(none::not_implemented());
    };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(none::not_implemented());
    }
    let eq = x.starred == y.starred
        && protocol::richcompare_bool(vm, &x.origin, &y.origin, CompareOp::Eq)?
        && protocol::richcompare_bool(vm, &x.args, &y.args, CompareOp::Eq)?;
    Ok(none::bool_(eq == (op == CompareOp::Eq)))
}

fn ga_call(vm: &Vm, o: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let r = protocol::call(vm, &ga(o).origin, args, kwnames)?;
    if let Err(e) = protocol::setattr(vm, &r, &vm.intern("__orig_class__"), o) {
        if !e.matches(&exceptions::ATTRIBUTE_ERROR) && !e.matches(&exceptions::TYPE_ERROR) {
            return Err(e);
        }
    }
    Ok(r)
}

/// The alias's own attribute names; every other name is looked up on the origin.
const ATTR_EXCEPTIONS: &[&str] = &[
    "__class__",
    "__bases__",
    "__origin__",
    "__args__",
    "__unpacked__",
    "__parameters__",
    "__typing_unpacked_tuple_args__",
    "__mro_entries__",
    "__reduce_ex__",
    "__reduce__",
    "__copy__",
    "__deepcopy__",
];

fn ga_getattro(vm: &Vm, o: &PyObject, name: &PyObject) -> PyResult<PyRef> {
    let n = pystr::to_string(name);
    if !ATTR_EXCEPTIONS.contains(&n.as_str()) {
        return protocol::getattr(vm, &ga(o).origin, name);
    }
    object::generic_getattr(vm, o, name)
}

/// `iter(tuple[int])` yields the starred alias once (`*tuple[int]`).
fn ga_iter(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let a = ga(o);
    let starred = new_alias(a.origin.clone(), a.args.clone(), true);
    protocol::getiter(vm, &tuple::new_tuple(vec![starred]))
}

fn ga_new(vm: &Vm, _cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    if !kwnames.is_empty() {
        return Err(vm.type_error("GenericAlias() takes no keyword arguments"));
    }
    check_arity(vm, "GenericAlias", args, 2, 2)?;
    Ok(new_generic_alias(&args[0], &args[1]))
}

// --- methods and getsets -------------------------------------------------------------------

fn ga_mro_entries(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "__mro_entries__", &args[1..], 1, 1)?;
    Ok(tuple::new_tuple(vec![ga(&args[0]).origin.clone()]))
}

fn ga_instancecheck(vm: &Vm, _args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Err(vm.type_error("isinstance() argument 2 cannot be a parameterized generic"))
}

fn ga_subclasscheck(vm: &Vm, _args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Err(vm.type_error("issubclass() argument 2 cannot be a parameterized generic"))
}

fn ga_reduce(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let a = ga(&args[0]);
    let pair = tuple::new_tuple(vec![a.origin.clone(), a.args.clone()]);
    Ok(tuple::new_tuple(vec![GENERIC_ALIAS_TYPE.to_ref(), pair]))
}

fn ga_dir(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let origin = ga(&args[0]).origin.clone();
    let names = protocol::call_method(vm, &origin, "__dir__", &[])?;
    let mut v = protocol::iterate(vm, &names)?;
    for n in ATTR_EXCEPTIONS {
        let s = pystr::new_str(n);
        let mut present = false;
        for x in &v {
            if protocol::richcompare_bool(vm, x, &s, CompareOp::Eq)? {
                present = true;
                break;
            }
        }
        if !present {
            v.push(s);
        }
    }
    Ok(list::new_list(v))
}

fn ga_get_origin(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(ga(o).origin.clone())
}
fn ga_get_args(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(ga(o).args.clone())
}
fn ga_get_parameters(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let a = ga(o);
    if let Some(p) = a.parameters.borrow().clone() {
        return Ok(p);
    }
    let p = make_parameters(vm, tuple::tuple_items(&a.args))?;
    *a.parameters.borrow_mut() = Some(p.clone());
    Ok(p)
}
fn ga_get_unpacked(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(none::bool_(ga(o).starred))
}
fn ga_get_unpacked_tuple_args(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let a = ga(o);
    if a.starred && a.origin.is(tuple::TUPLE_TYPE.as_object()) {
        return Ok(a.args.clone());
    }
    Ok(none::none())
}

// --- parameters and substitution -----------------------------------------------------------

/// `_Py_make_parameters`: the type variables among `args` (objects with `__typing_subst__`),
/// and the `__parameters__` of generic arguments, in order, each once.
pub fn make_parameters(vm: &Vm, args: &[PyRef]) -> PyResult<PyRef> {
    let mut out: Vec<PyRef> = Vec::new();
    fn add(out: &mut Vec<PyRef>, p: &PyRef) {
        if !out.iter().any(|q| q.is(p)) {
            out.push(p.clone());
        }
    }
    for a in args {
        if type_::downcast_type(a).is_some() {
            continue;
        }
        if crate::types::typevar::is_type_param(a)
            || protocol::getattr_opt(vm, a, &vm.intern("__typing_subst__"))?.is_some()
        {
            add(&mut out, a);
            continue;
        }
        if let Some(ps) = protocol::getattr_opt(vm, a, &vm.intern("__parameters__"))? {
            if let Some(items) = tuple::downcast_tuple(&ps) {
                for p in items {
                    add(&mut out, p);
                }
            }
        }
    }
    Ok(tuple::new_tuple(out))
}

/// Replace the parameters `params` by `subs` in `args` (`_Py_subs_parameters`, without
/// the TypeVarTuple and ParamSpec forms).
pub fn subs_parameters(vm: &Vm, self_: &PyObject, args: &[PyRef], params: &[PyRef], item: &PyObject) -> PyResult<PyRef> {
    if params.is_empty() {
        let r = protocol::repr_string(vm, self_)?;
        return Err(vm.type_error(format!("{r} is not a generic class")));
    }
    let mut subs: Vec<PyRef> = match tuple::downcast_tuple(item) {
        Some(t) => t.to_vec(),
        None => vec![item.to_ref()],
    };
    let given = subs.len();
    // Missing trailing arguments take the parameters' defaults (PEP 696).
    for (i, p) in params.iter().enumerate().skip(given) {
        match crate::types::typevar::param_default(vm, p)? {
            Some(d) => subs.push(d),
            None => {
                let r = protocol::repr_string(vm, self_)?;
                return Err(vm.type_error(format!("Too few arguments for {r}; actual {given}, expected at least {}", i + 1)));
            }
        }
    }
    if subs.len() != params.len() {
        let r = protocol::repr_string(vm, self_)?;
        return Err(vm.type_error(format!(
            "Too {} arguments for {r}; actual {}, expected {}",
            if subs.len() > params.len() { "many" } else { "few" },
            subs.len(),
            params.len()
        )));
    }
    let mut out = Vec::with_capacity(args.len());
    for a in args {
        if type_::downcast_type(a).is_some() {
            out.push(a.clone());
            continue;
        }
        if let Some(i) = params.iter().position(|p| p.is(a)) {
            out.push(subs[i].clone());
            continue;
        }
        let sub_params = match protocol::getattr_opt(vm, a, &vm.intern("__parameters__"))? {
            Some(ps) => tuple::downcast_tuple(&ps).map(|t| t.to_vec()).unwrap_or_default(),
            None => vec![],
        };
        if sub_params.is_empty() {
            out.push(a.clone());
            continue;
        }
        let mut sub_args = Vec::with_capacity(sub_params.len());
        for p in &sub_params {
            match params.iter().position(|q| q.is(p)) {
                Some(i) => sub_args.push(subs[i].clone()),
                None => sub_args.push(p.clone()),
            }
        }
        let key = if sub_args.len() == 1 { sub_args.pop().unwrap() } else { tuple::new_tuple(sub_args) };
        out.push(protocol::getitem(vm, a, &key)?);
    }
    Ok(tuple::new_tuple(out))
}

fn ga_getitem(vm: &Vm, o: &PyObject, item: &PyObject) -> PyResult<PyRef> {
    let a = ga(o);
    let params = ga_get_parameters(vm, o)?;
    let params = tuple::tuple_items(&params);
    if params.is_empty() {
        let r = protocol::repr_string(vm, o)?;
        return Err(vm.type_error(format!("{r} is not a generic class")));
    }
    let args = subs_parameters(vm, o, tuple::tuple_items(&a.args), params, item)?;
    Ok(new_alias(a.origin.clone(), args, a.starred))
}

// --- the cycle collector's view ---------------------------------------------------------

fn visit_opt(c: &RefCell<Option<PyRef>>, visit: &mut dyn FnMut(&PyObject)) {
    if let Ok(b) = c.try_borrow() {
        if let Some(o) = &*b {
            visit(o);
        }
    }
}

/// `tp_traverse`: the origin, the arguments and the cached parameters.
pub fn traverse(o: &PyObject, visit: &mut dyn FnMut(&PyObject)) {
    let a = ga(o);
    visit(&a.origin);
    visit(&a.args);
    visit_opt(&a.parameters, visit);
}
