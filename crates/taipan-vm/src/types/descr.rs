//! Descriptors of built-in types: `method_descriptor` (`list.append`),
//! `classmethod_descriptor` (`dict.fromkeys`), `getset_descriptor` (`function.__name__`),
//! `wrapper_descriptor` / `method-wrapper` (slot dunders: `int.__add__`),
//! `member_descriptor` (`__slots__` entries), and `staticmethod` / `classmethod`.

use std::cell::{Cell, RefCell};

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::{flags, CompareOp};
use crate::object::{alloc_object, managed_prefix, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::function::{new_bound_builtin, MethodDef, MethodKind};
use crate::types::slots::{SlotKind, SLOTDEFS};
use crate::types::{none, str as pystr, type_};
use crate::vm::Vm;

pub type Getter = fn(&Vm, &PyObject) -> PyResult<PyRef>;
pub type Setter = fn(&Vm, &PyObject, Option<&PyObject>) -> PyResult<()>;

/// A computed attribute of a built-in type (`PyGetSetDef`).
pub struct GetSetDef {
    pub name: &'static str,
    pub get: Getter,
    pub set: Option<Setter>,
}

impl GetSetDef {
    pub const fn new(name: &'static str, get: Getter, set: Option<Setter>) -> GetSetDef {
        GetSetDef { name, get, set }
    }
}

macro_rules! descr_type {
    ($static:ident, $payload:ty, $name:literal, { $($field:ident : $value:expr),* $(,)? }) => {
        pub static $static: Static<PyTypeObject> = Static(PyInner::new_static(
            &type_::TYPE_TYPE.0,
            PyTypeData {
                tp_name: crate::object::typeobj::static_name($name),
                tp_dealloc: Cell::new(dealloc::<$payload>),
                $($field: $value,)*
                ..PyTypeData::BASE
            },
        ));
        impl PyPayload for $payload {
            fn static_type() -> &'static PyTypeObject {
                &$static
            }
        }
    };
}

/// Checks `self` of a descriptor call: TypeError unless `obj` is an instance of `owner`.
fn check_self(vm: &Vm, name: &str, owner: &PyTypeObject, obj: &PyObject, what: &str) -> PyResult<()> {
    if !obj.ob_type().is_subtype(owner) {
        return Err(vm.type_error(format!(
            "descriptor '{name}' {what} '{}' object but received '{}'",
            owner.name(),
            obj.ob_type().name()
        )));
    }
    Ok(())
}

// --- method_descriptor -------------------------------------------------------------------

pub struct PyMethodDescr {
    pub def: &'static MethodDef,
    pub objclass: &'static PyTypeObject,
}

descr_type!(METHOD_DESCRIPTOR_TYPE, PyMethodDescr, "method_descriptor", {
    tp_flags: Cell::new(flags::IMMUTABLETYPE | flags::METHOD_DESCRIPTOR),
    tp_call: Cell::new(Some(method_descr_call)),
    tp_descr_get: Cell::new(Some(method_descr_get)),
    tp_repr: Cell::new(Some(method_descr_repr)),
    tp_getset: METHOD_DESCR_GETSET,
});

static METHOD_DESCR_GETSET: &[GetSetDef] = &[
    GetSetDef::new("__name__", method_descr_name, None),
    GetSetDef::new("__qualname__", method_descr_qualname, None),
    GetSetDef::new("__objclass__", method_descr_objclass, None),
    GetSetDef::new("__doc__", method_descr_doc, None),
];

pub struct PyClassMethodDescr(pub PyMethodDescr);

descr_type!(CLASSMETHOD_DESCRIPTOR_TYPE, PyClassMethodDescr, "classmethod_descriptor", {
    tp_descr_get: Cell::new(Some(classmethod_descr_get)),
    tp_repr: Cell::new(Some(classmethod_descr_repr)),
});

/// The dict entry for a native method of a built-in type.
pub fn new_method_descriptor(tp: &'static PyTypeObject, def: &'static MethodDef) -> PyRef {
    let d = PyMethodDescr { def, objclass: tp };
    match def.kind {
        MethodKind::Method => alloc_object(&METHOD_DESCRIPTOR_TYPE, d),
        MethodKind::Class => alloc_object(&CLASSMETHOD_DESCRIPTOR_TYPE, PyClassMethodDescr(d)),
        MethodKind::Static => new_staticmethod(crate::types::function::new_builtin_function(def, None)),
    }
}

fn method_descr_call(vm: &Vm, callable: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let d = callable.downcast::<PyMethodDescr>().unwrap();
    if args.len() <= kwnames.len() {
        return Err(vm.type_error(format!(
            "unbound method {}.{}() needs an argument",
            d.objclass.name(),
            d.def.name
        )));
    }
    check_self(vm, d.def.name, d.objclass, &args[0], "for")
        .map_err(|_| {
            vm.type_error(format!(
                "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                d.def.name,
                d.objclass.name(),
                args[0].ob_type().name()
            ))
        })?;
    (d.def.func)(vm, args, kwnames)
}

fn method_descr_get(vm: &Vm, descr: &PyObject, obj: Option<&PyObject>, _tp: &PyObject) -> PyResult<PyRef> {
    let d = descr.downcast::<PyMethodDescr>().unwrap();
    match obj {
        None => Ok(descr.to_ref()),
        Some(o) => {
            if !o.ob_type().is_subtype(d.objclass) {
                return Err(vm.type_error(format!(
                    "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                    d.def.name,
                    d.objclass.name(),
                    o.ob_type().name()
                )));
            }
            Ok(new_bound_builtin(d.def, o.to_ref()))
        }
    }
}

fn method_descr_repr(_vm: &Vm, descr: &PyObject) -> PyResult<PyRef> {
    let d = descr.downcast::<PyMethodDescr>().unwrap();
    Ok(pystr::new_str(&format!("<method '{}' of '{}' objects>", d.def.name, d.objclass.name())))
}

fn method_descr_name(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(pystr::new_str(o.downcast::<PyMethodDescr>().unwrap().def.name))
}
fn method_descr_qualname(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let d = o.downcast::<PyMethodDescr>().unwrap();
    Ok(pystr::new_str(&format!("{}.{}", d.objclass.name(), d.def.name)))
}
fn method_descr_objclass(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(o.downcast::<PyMethodDescr>().unwrap().objclass.to_ref())
}
fn method_descr_doc(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(match crate::types::function::split_doc(o.downcast::<PyMethodDescr>().unwrap().def.doc).1 {
        Some(d) => pystr::new_str(d),
        None => none::none(),
    })
}

fn classmethod_descr_get(vm: &Vm, descr: &PyObject, obj: Option<&PyObject>, tp: &PyObject) -> PyResult<PyRef> {
    let d = &descr.downcast::<PyClassMethodDescr>().unwrap().0;
    let cls = match obj {
        Some(o) if tp.is(none::none_ref()) => o.type_ref(),
        _ => tp.to_ref(),
    };
    let _ = vm;
    Ok(new_bound_builtin(d.def, cls))
}

fn classmethod_descr_repr(_vm: &Vm, descr: &PyObject) -> PyResult<PyRef> {
    let d = &descr.downcast::<PyClassMethodDescr>().unwrap().0;
    Ok(pystr::new_str(&format!("<method '{}' of '{}' objects>", d.def.name, d.objclass.name())))
}

// --- getset_descriptor ---------------------------------------------------------------------

pub struct PyGetSetDescr {
    pub def: &'static GetSetDef,
    pub objclass: &'static PyTypeObject,
}

static GETSET_DESCR_GETSET: &[GetSetDef] = &[
    GetSetDef::new("__name__", getset_name, None),
    GetSetDef::new("__qualname__", getset_qualname, None),
    GetSetDef::new("__objclass__", getset_objclass, None),
];

fn getset_name(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(pystr::new_str(o.downcast::<PyGetSetDescr>().unwrap().def.name))
}
fn getset_qualname(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let d = o.downcast::<PyGetSetDescr>().unwrap();
    Ok(pystr::new_str(&format!("{}.{}", d.objclass.name(), d.def.name)))
}
fn getset_objclass(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(o.downcast::<PyGetSetDescr>().unwrap().objclass.to_ref())
}

descr_type!(GETSET_DESCRIPTOR_TYPE, PyGetSetDescr, "getset_descriptor", {
    tp_getset: GETSET_DESCR_GETSET,
    tp_descr_get: Cell::new(Some(getset_get)),
    tp_descr_set: Cell::new(Some(getset_set)),
    tp_repr: Cell::new(Some(getset_repr)),
});

pub fn new_getset_descriptor(tp: &'static PyTypeObject, def: &'static GetSetDef) -> PyRef {
    alloc_object(&GETSET_DESCRIPTOR_TYPE, PyGetSetDescr { def, objclass: tp })
}

fn getset_get(vm: &Vm, descr: &PyObject, obj: Option<&PyObject>, _tp: &PyObject) -> PyResult<PyRef> {
    let d = descr.downcast::<PyGetSetDescr>().unwrap();
    match obj {
        None => Ok(descr.to_ref()),
        Some(o) => {
            if !o.ob_type().is_subtype(d.objclass) {
                return Err(vm.type_error(format!(
                    "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                    d.def.name,
                    d.objclass.name(),
                    o.ob_type().name()
                )));
            }
            (d.def.get)(vm, o)
        }
    }
}

fn getset_set(vm: &Vm, descr: &PyObject, obj: &PyObject, value: Option<&PyObject>) -> PyResult<()> {
    let d = descr.downcast::<PyGetSetDescr>().unwrap();
    match d.def.set {
        Some(set) => set(vm, obj, value),
        None => Err(vm.attribute_error(format!(
            "attribute '{}' of '{}' objects is not writable",
            d.def.name,
            d.objclass.name()
        ))),
    }
}

fn getset_repr(_vm: &Vm, descr: &PyObject) -> PyResult<PyRef> {
    let d = descr.downcast::<PyGetSetDescr>().unwrap();
    Ok(pystr::new_str(&format!("<attribute '{}' of '{}' objects>", d.def.name, d.objclass.name())))
}

// --- wrapper_descriptor / method-wrapper ---------------------------------------------------

pub struct PyWrapperDescr {
    pub slot: usize,
    pub objclass: &'static PyTypeObject,
}

descr_type!(WRAPPER_DESCRIPTOR_TYPE, PyWrapperDescr, "wrapper_descriptor", {
    tp_flags: Cell::new(flags::IMMUTABLETYPE | flags::METHOD_DESCRIPTOR),
    tp_call: Cell::new(Some(wrapper_call)),
    tp_descr_get: Cell::new(Some(wrapper_get)),
    tp_repr: Cell::new(Some(wrapper_repr)),
    tp_getset: WRAPPER_GETSET,
});

static WRAPPER_GETSET: &[GetSetDef] = &[
    GetSetDef::new("__name__", wrapper_name, None),
    GetSetDef::new("__objclass__", wrapper_objclass, None),
];

pub fn new_wrapper_descriptor(tp: &'static PyTypeObject, slot: usize) -> PyRef {
    alloc_object(&WRAPPER_DESCRIPTOR_TYPE, PyWrapperDescr { slot, objclass: tp })
}

fn wrapper_name(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(pystr::new_str(SLOTDEFS[o.downcast::<PyWrapperDescr>().unwrap().slot].name))
}
fn wrapper_objclass(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(o.downcast::<PyWrapperDescr>().unwrap().objclass.to_ref())
}

fn wrapper_call(vm: &Vm, callable: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let d = callable.downcast::<PyWrapperDescr>().unwrap();
    let name = SLOTDEFS[d.slot].name;
    if args.len() <= kwnames.len() {
        return Err(vm.type_error(format!(
            "descriptor '{name}' of '{}' object needs an argument",
            d.objclass.name()
        )));
    }
    if !args[0].ob_type().is_subtype(d.objclass) {
        return Err(vm.type_error(format!(
            "descriptor '{name}' requires a '{}' object but received a '{}'",
            d.objclass.name(),
            args[0].ob_type().name()
        )));
    }
    call_slot(vm, d.objclass, d.slot, &args[0], &args[1..], kwnames)
}

fn wrapper_get(_vm: &Vm, descr: &PyObject, obj: Option<&PyObject>, _tp: &PyObject) -> PyResult<PyRef> {
    match obj {
        None => Ok(descr.to_ref()),
        Some(o) => Ok(alloc_object(&METHOD_WRAPPER_TYPE, PyMethodWrapper { descr: descr.to_ref(), self_: o.to_ref() })),
    }
}

fn wrapper_repr(_vm: &Vm, descr: &PyObject) -> PyResult<PyRef> {
    let d = descr.downcast::<PyWrapperDescr>().unwrap();
    Ok(pystr::new_str(&format!("<slot wrapper '{}' of '{}' objects>", SLOTDEFS[d.slot].name, d.objclass.name())))
}

pub struct PyMethodWrapper {
    pub descr: PyRef,
    pub self_: PyRef,
}

descr_type!(METHOD_WRAPPER_TYPE, PyMethodWrapper, "method-wrapper", {
    tp_call: Cell::new(Some(method_wrapper_call)),
    tp_repr: Cell::new(Some(method_wrapper_repr)),
    tp_getset: METHOD_WRAPPER_GETSET,
});

static METHOD_WRAPPER_GETSET: &[GetSetDef] = &[
    GetSetDef::new("__self__", method_wrapper_self, None),
    GetSetDef::new("__name__", method_wrapper_name, None),
];

fn method_wrapper_self(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(o.downcast::<PyMethodWrapper>().unwrap().self_.clone())
}
fn method_wrapper_name(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    wrapper_name(vm, &o.downcast::<PyMethodWrapper>().unwrap().descr)
}

fn method_wrapper_call(vm: &Vm, callable: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let w = callable.downcast::<PyMethodWrapper>().unwrap();
    let d = w.descr.downcast::<PyWrapperDescr>().unwrap();
    call_slot(vm, d.objclass, d.slot, &w.self_, args, kwnames)
}

fn method_wrapper_repr(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let w = o.downcast::<PyMethodWrapper>().unwrap();
    let d = w.descr.downcast::<PyWrapperDescr>().unwrap();
    Ok(pystr::new_str(&format!(
        "<method-wrapper '{}' of {} object at {:#x}>",
        SLOTDEFS[d.slot].name,
        w.self_.ob_type().name(),
        w.self_.addr()
    )))
}

fn nargs(vm: &Vm, name: &str, args: &[PyRef], kwnames: &[PyRef], n: usize) -> PyResult<()> {
    crate::types::function::no_kwargs(vm, name, kwnames)?;
    if args.len() != n {
        return Err(vm.type_error(format!("expected {n} argument{}, got {}", if n == 1 { "" } else { "s" }, args.len())));
    }
    Ok(())
}

/// Call slot number `slot` of `tp` for `self_` with the dunder's Python arguments.
fn call_slot(vm: &Vm, tp: &PyTypeObject, slot: usize, self_: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let sd = &SLOTDEFS[slot];
    let name = sd.name;
    let missing = || vm.system_error(format!("slot {name} missing"));
    match sd.kind {
        SlotKind::Repr => {
            nargs(vm, name, args, kwnames, 0)?;
            (tp.tp_repr.get().ok_or_else(missing)?)(vm, self_)
        }
        SlotKind::Str => {
            nargs(vm, name, args, kwnames, 0)?;
            (tp.tp_str.get().ok_or_else(missing)?)(vm, self_)
        }
        SlotKind::Hash => {
            nargs(vm, name, args, kwnames, 0)?;
            let h = (tp.tp_hash.get().ok_or_else(missing)?)(vm, self_)?;
            Ok(crate::types::int::new_int(h))
        }
        SlotKind::Call => (tp.tp_call.get().ok_or_else(missing)?)(vm, self_, args, kwnames),
        SlotKind::GetAttribute | SlotKind::GetAttr => {
            nargs(vm, name, args, kwnames, 1)?;
            let n = pystr::expect_str_obj(vm, &args[0], "attribute name")?;
            (tp.tp_getattro.get().ok_or_else(missing)?)(vm, self_, &n)
        }
        SlotKind::SetAttr => {
            nargs(vm, name, args, kwnames, 2)?;
            let n = pystr::expect_str_obj(vm, &args[0], "attribute name")?;
            (tp.tp_setattro.get().ok_or_else(missing)?)(vm, self_, &n, Some(&args[1]))?;
            Ok(none::none())
        }
        SlotKind::DelAttr => {
            nargs(vm, name, args, kwnames, 1)?;
            let n = pystr::expect_str_obj(vm, &args[0], "attribute name")?;
            (tp.tp_setattro.get().ok_or_else(missing)?)(vm, self_, &n, None)?;
            Ok(none::none())
        }
        SlotKind::Compare(op) => {
            nargs(vm, name, args, kwnames, 1)?;
            (tp.tp_richcompare.get().ok_or_else(missing)?)(vm, self_, &args[0], op)
        }
        SlotKind::Iter => {
            nargs(vm, name, args, kwnames, 0)?;
            (tp.tp_iter.get().ok_or_else(missing)?)(vm, self_)
        }
        SlotKind::Next => {
            nargs(vm, name, args, kwnames, 0)?;
            match (tp.tp_iternext.get().ok_or_else(missing)?)(vm, self_)? {
                Some(v) => Ok(v),
                None => Err(vm.stop_iteration(None)),
            }
        }
        SlotKind::DescrGet => {
            if args.is_empty() || args.len() > 2 {
                return Err(vm.type_error(format!("__get__ expected at least 1 argument, got {}", args.len())));
            }
            let obj = Some(&*args[0]).filter(|o| !o.is(none::none_ref()));
            let owner = args.get(1).cloned().unwrap_or_else(|| match obj {
                Some(o) => o.type_ref(),
                None => none::none(),
            });
            (tp.tp_descr_get.get().ok_or_else(missing)?)(vm, self_, obj, &owner)
        }
        SlotKind::DescrSet => {
            nargs(vm, name, args, kwnames, 2)?;
            (tp.tp_descr_set.get().ok_or_else(missing)?)(vm, self_, &args[0], Some(&args[1]))?;
            Ok(none::none())
        }
        SlotKind::DescrDelete => {
            nargs(vm, name, args, kwnames, 1)?;
            (tp.tp_descr_set.get().ok_or_else(missing)?)(vm, self_, &args[0], None)?;
            Ok(none::none())
        }
        SlotKind::Init => {
            (tp.tp_init.get().ok_or_else(missing)?)(vm, self_, args, kwnames)?;
            Ok(none::none())
        }
        SlotKind::New | SlotKind::Del => Err(missing()),
        SlotKind::Binary { slot, reflected, .. } => {
            nargs(vm, name, args, kwnames, 1)?;
            let f = slot(tp).get().ok_or_else(missing)?;
            if reflected { f(vm, &args[0], self_) } else { f(vm, self_, &args[0]) }
        }
        SlotKind::Unary { slot, .. } => {
            nargs(vm, name, args, kwnames, 0)?;
            (slot(tp).get().ok_or_else(missing)?)(vm, self_)
        }
        SlotKind::Power { reflected } => {
            if args.is_empty() || args.len() > 2 {
                return Err(vm.type_error(format!("expected 1 or 2 arguments, got {}", args.len())));
            }
            let m = args.get(1).cloned().unwrap_or_else(none::none);
            let f = tp.tp_as_number.nb_power.get().ok_or_else(missing)?;
            if reflected { f(vm, &args[0], self_, &m) } else { f(vm, self_, &args[0], &m) }
        }
        SlotKind::InplacePower => {
            let m = args.get(1).cloned().unwrap_or_else(none::none);
            (tp.tp_as_number.nb_inplace_power.get().ok_or_else(missing)?)(vm, self_, &args[0], &m)
        }
        SlotKind::Bool => {
            nargs(vm, name, args, kwnames, 0)?;
            Ok(none::bool_((tp.tp_as_number.nb_bool.get().ok_or_else(missing)?)(vm, self_)?))
        }
        SlotKind::Len => {
            nargs(vm, name, args, kwnames, 0)?;
            let f = tp.tp_as_mapping.mp_length.get().or(tp.tp_as_sequence.sq_length.get()).ok_or_else(missing)?;
            Ok(crate::types::int::new_int(f(vm, self_)? as i64))
        }
        SlotKind::GetItem => {
            nargs(vm, name, args, kwnames, 1)?;
            if let Some(f) = tp.tp_as_mapping.mp_subscript.get() {
                return f(vm, self_, &args[0]);
            }
            let f = tp.tp_as_sequence.sq_item.get().ok_or_else(missing)?;
            let i = crate::protocol::index_as_isize(vm, &args[0])?;
            f(vm, self_, i)
        }
        SlotKind::SetItem => {
            nargs(vm, name, args, kwnames, 2)?;
            let f = tp.tp_as_mapping.mp_ass_subscript.get().ok_or_else(missing)?;
            f(vm, self_, &args[0], Some(&args[1]))?;
            Ok(none::none())
        }
        SlotKind::DelItem => {
            nargs(vm, name, args, kwnames, 1)?;
            let f = tp.tp_as_mapping.mp_ass_subscript.get().ok_or_else(missing)?;
            f(vm, self_, &args[0], None)?;
            Ok(none::none())
        }
        SlotKind::Contains => {
            nargs(vm, name, args, kwnames, 1)?;
            let f = tp.tp_as_sequence.sq_contains.get().ok_or_else(missing)?;
            Ok(none::bool_(f(vm, self_, &args[0])?))
        }
        SlotKind::SqConcat { inplace } => {
            nargs(vm, name, args, kwnames, 1)?;
            let sq = &tp.tp_as_sequence;
            let f = if inplace { sq.sq_inplace_concat.get() } else { sq.sq_concat.get() };
            (f.ok_or_else(missing)?)(vm, self_, &args[0])
        }
        SlotKind::SqRepeat { inplace } => {
            nargs(vm, name, args, kwnames, 1)?;
            let sq = &tp.tp_as_sequence;
            let f = if inplace { sq.sq_inplace_repeat.get() } else { sq.sq_repeat.get() };
            let n = crate::protocol::index_as_isize_overflow(vm, &args[0])?;
            (f.ok_or_else(missing)?)(vm, self_, n)
        }
    }
}

/// `T.__new__` of a built-in type: a static builtin taking the class first.
pub fn new_tp_new_wrapper(tp: &'static PyTypeObject) -> PyRef {
    alloc_object(&TP_NEW_WRAPPER_TYPE, PyTpNewWrapper { owner: tp })
}

pub struct PyTpNewWrapper {
    pub owner: &'static PyTypeObject,
}

descr_type!(TP_NEW_WRAPPER_TYPE, PyTpNewWrapper, "builtin_function_or_method", {
    tp_call: Cell::new(Some(tp_new_wrapper_call)),
    tp_repr: Cell::new(Some(tp_new_wrapper_repr)),
});

fn tp_new_wrapper_call(vm: &Vm, callable: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let w = callable.downcast::<PyTpNewWrapper>().unwrap();
    let owner = w.owner;
    if args.len() <= kwnames.len() {
        return Err(vm.type_error(format!("{}.__new__(): not enough arguments", owner.name())));
    }
    let Some(sub) = type_::downcast_type(&args[0]) else {
        return Err(vm.type_error(format!(
            "{}.__new__(X): X is not a type object ({})",
            owner.name(),
            args[0].ob_type().name()
        )));
    };
    if !sub.is_subtype(owner) {
        return Err(vm.type_error(format!(
            "{}.__new__({}): {} is not a subtype of {}",
            owner.name(),
            sub.name(),
            sub.name(),
            owner.name()
        )));
    }
    // The nearest static base of `sub` must use this same tp_new (CPython's
    // "is not safe" check: object.__new__(int) would make an int without its payload).
    let mut staticbase = sub;
    while staticbase.is_heap_type() {
        match staticbase.base() {
            Some(b) => staticbase = b,
            None => break,
        }
    }
    let new = owner.tp_new.get().unwrap();
    if staticbase.tp_new.get().map(|f| f as usize) != Some(new as usize) {
        return Err(vm.type_error(format!(
            "{}.__new__({}) is not safe, use {}.__new__()",
            owner.name(),
            sub.name(),
            staticbase.name()
        )));
    }
    new(vm, &args[0], &args[1..], kwnames)
}

fn tp_new_wrapper_repr(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let w = o.downcast::<PyTpNewWrapper>().unwrap();
    Ok(pystr::new_str(&format!(
        "<built-in method __new__ of type object at {:#x}>",
        w.owner.as_object().addr()
    )))
}

/// Whether `f` is `object.__getattribute__` (the default, no hook needed).
pub fn is_object_getattribute(f: &PyObject) -> bool {
    match f.downcast::<PyWrapperDescr>() {
        Some(w) => std::ptr::eq(w.objclass, &*crate::types::object::OBJECT_TYPE)
            && SLOTDEFS[w.slot].name == "__getattribute__",
        None => false,
    }
}

// --- member_descriptor (__slots__) -------------------------------------------------------

pub struct PyMemberDescr {
    pub name: PyRef,
    pub index: usize,
    pub objclass: PyRef,
}

descr_type!(MEMBER_DESCRIPTOR_TYPE, PyMemberDescr, "member_descriptor", {
    tp_descr_get: Cell::new(Some(member_get)),
    tp_descr_set: Cell::new(Some(member_set)),
    tp_repr: Cell::new(Some(member_repr)),
});

pub fn new_member_descriptor(tp: &PyTypeObject, name: PyRef, index: usize) -> PyRef {
    alloc_object(&MEMBER_DESCRIPTOR_TYPE, PyMemberDescr { name, index, objclass: tp.to_ref() })
}

fn member_get(vm: &Vm, descr: &PyObject, obj: Option<&PyObject>, _tp: &PyObject) -> PyResult<PyRef> {
    let d = descr.downcast::<PyMemberDescr>().unwrap();
    let Some(o) = obj else { return Ok(descr.to_ref()) };
    let v = managed_prefix(o).and_then(|p| p.slots.borrow().get(d.index).cloned().flatten());
    match v {
        Some(v) => Ok(v),
        None => Err(vm.attribute_error(format!(
            "'{}' object has no attribute '{}'",
            o.ob_type().name(),
            pystr::to_string(&d.name)
        ))),
    }
}

fn member_set(vm: &Vm, descr: &PyObject, obj: &PyObject, value: Option<&PyObject>) -> PyResult<()> {
    let d = descr.downcast::<PyMemberDescr>().unwrap();
    let Some(p) = managed_prefix(obj) else {
        return Err(vm.type_error("descriptor applied to the wrong object"));
    };
    let old = {
        let mut slots = p.slots.borrow_mut();
        if d.index >= slots.len() {
            return Err(vm.type_error("descriptor applied to the wrong object"));
        }
        if value.is_none() && slots[d.index].is_none() {
            drop(slots);
            return Err(vm.attribute_error(format!(
                "'{}' object has no attribute '{}'",
                obj.ob_type().name(),
                pystr::to_string(&d.name)
            )));
        }
        std::mem::replace(&mut slots[d.index], value.map(|v| v.to_ref()))
    };
    drop(old);
    Ok(())
}

fn member_repr(_vm: &Vm, descr: &PyObject) -> PyResult<PyRef> {
    let d = descr.downcast::<PyMemberDescr>().unwrap();
    let owner = type_::downcast_type(&d.objclass).map(|t| type_::type_qualname(t)).unwrap_or_default();
    Ok(pystr::new_str(&format!("<member '{}' of '{owner}' objects>", pystr::to_string(&d.name))))
}

// --- staticmethod / classmethod ------------------------------------------------------------

pub struct PyStaticMethod {
    pub callable: PyRef,
    pub dict: RefCell<Option<PyRef>>,
}

pub struct PyClassMethod {
    pub callable: PyRef,
    pub dict: RefCell<Option<PyRef>>,
}

fn staticmethod_dict(o: &PyObject) -> &RefCell<Option<PyRef>> {
    // SAFETY: only called for staticmethod instances.
    unsafe { &o.payload_unchecked::<PyStaticMethod>().dict }
}
fn classmethod_dict(o: &PyObject) -> &RefCell<Option<PyRef>> {
    // SAFETY: only called for classmethod instances.
    unsafe { &o.payload_unchecked::<PyClassMethod>().dict }
}

descr_type!(STATICMETHOD_TYPE, PyStaticMethod, "staticmethod", {
    tp_flags: Cell::new(flags::IMMUTABLETYPE | flags::BASETYPE),
    tp_descr_get: Cell::new(Some(staticmethod_get)),
    tp_new: Cell::new(Some(staticmethod_new)),
    tp_call: Cell::new(Some(staticmethod_call)),
    tp_dict_of: Cell::new(Some(staticmethod_dict)),
    tp_repr: Cell::new(Some(staticmethod_repr)),
    tp_getset: STATICMETHOD_GETSET,
});

descr_type!(CLASSMETHOD_TYPE, PyClassMethod, "classmethod", {
    tp_flags: Cell::new(flags::IMMUTABLETYPE | flags::BASETYPE),
    tp_descr_get: Cell::new(Some(classmethod_get)),
    tp_new: Cell::new(Some(classmethod_new)),
    tp_dict_of: Cell::new(Some(classmethod_dict)),
    tp_repr: Cell::new(Some(classmethod_repr)),
    tp_getset: CLASSMETHOD_GETSET,
});

static STATICMETHOD_GETSET: &[GetSetDef] = &[
    GetSetDef::new("__func__", staticmethod_func, None),
    GetSetDef::new("__wrapped__", staticmethod_func, None),
    GetSetDef::new("__isabstractmethod__", staticmethod_isabstract, None),
];
static CLASSMETHOD_GETSET: &[GetSetDef] = &[
    GetSetDef::new("__func__", classmethod_func, None),
    GetSetDef::new("__wrapped__", classmethod_func, None),
    GetSetDef::new("__isabstractmethod__", classmethod_isabstract, None),
];

pub fn new_staticmethod(callable: PyRef) -> PyRef {
    alloc_object(&STATICMETHOD_TYPE, PyStaticMethod { callable, dict: RefCell::new(None) })
}

pub fn new_classmethod(callable: PyRef) -> PyRef {
    alloc_object(&CLASSMETHOD_TYPE, PyClassMethod { callable, dict: RefCell::new(None) })
}

fn one_arg(vm: &Vm, name: &str, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    crate::types::function::no_kwargs(vm, name, kwnames)?;
    if args.len() != 1 {
        return Err(vm.type_error(format!("{name} expected 1 argument, got {}", args.len())));
    }
    Ok(args[0].clone())
}

fn staticmethod_new(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let f = one_arg(vm, "staticmethod", args, kwnames)?;
    let tp = type_::as_type(vm, cls)?;
    let sm = alloc_object(tp, PyStaticMethod { callable: f.clone(), dict: RefCell::new(None) });
    copy_wrapper_attrs(vm, &sm, &f)?;
    Ok(sm)
}

fn classmethod_new(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let f = one_arg(vm, "classmethod", args, kwnames)?;
    let tp = type_::as_type(vm, cls)?;
    let cm = alloc_object(tp, PyClassMethod { callable: f.clone(), dict: RefCell::new(None) });
    copy_wrapper_attrs(vm, &cm, &f)?;
    Ok(cm)
}

/// `functools.update_wrapper`-like copy of `__module__`, `__name__`, `__qualname__`,
/// `__doc__` done by staticmethod/classmethod since 3.10.
fn copy_wrapper_attrs(vm: &Vm, wrapper: &PyObject, f: &PyObject) -> PyResult<()> {
    let d = crate::types::object::instance_dict(wrapper).unwrap();
    for n in ["__module__", "__name__", "__qualname__", "__doc__"] {
        let key = vm.intern(n);
        if let Some(v) = crate::protocol::getattr_opt(vm, f, &key)? {
            crate::types::dict::set_item(vm, &d, &key, &v)?;
        }
    }
    Ok(())
}

fn staticmethod_get(_vm: &Vm, d: &PyObject, _obj: Option<&PyObject>, _tp: &PyObject) -> PyResult<PyRef> {
    Ok(d.downcast::<PyStaticMethod>().unwrap().callable.clone())
}

fn staticmethod_call(vm: &Vm, d: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    crate::protocol::call(vm, &d.downcast::<PyStaticMethod>().unwrap().callable, args, kwnames)
}

fn classmethod_get(vm: &Vm, d: &PyObject, obj: Option<&PyObject>, tp: &PyObject) -> PyResult<PyRef> {
    let f = d.downcast::<PyClassMethod>().unwrap().callable.clone();
    let cls = if tp.is(none::none_ref()) {
        obj.map(|o| o.type_ref()).unwrap_or_else(none::none)
    } else {
        tp.to_ref()
    };
    let _ = vm;
    Ok(crate::types::function::new_method(f, cls))
}

fn staticmethod_repr(vm: &Vm, d: &PyObject) -> PyResult<PyRef> {
    let r = crate::protocol::repr_string(vm, &d.downcast::<PyStaticMethod>().unwrap().callable)?;
    Ok(pystr::new_str(&format!("<staticmethod({r})>")))
}
fn classmethod_repr(vm: &Vm, d: &PyObject) -> PyResult<PyRef> {
    let r = crate::protocol::repr_string(vm, &d.downcast::<PyClassMethod>().unwrap().callable)?;
    Ok(pystr::new_str(&format!("<classmethod({r})>")))
}
fn staticmethod_func(_vm: &Vm, d: &PyObject) -> PyResult<PyRef> {
    Ok(d.downcast::<PyStaticMethod>().unwrap().callable.clone())
}
fn classmethod_func(_vm: &Vm, d: &PyObject) -> PyResult<PyRef> {
    Ok(d.downcast::<PyClassMethod>().unwrap().callable.clone())
}
fn isabstract(vm: &Vm, f: &PyObject) -> PyResult<PyRef> {
    match crate::protocol::getattr_opt(vm, f, &vm.intern("__isabstractmethod__"))? {
        Some(v) => Ok(none::bool_(crate::protocol::is_true(vm, &v)?)),
        None => Ok(none::false_()),
    }
}
fn staticmethod_isabstract(vm: &Vm, d: &PyObject) -> PyResult<PyRef> {
    isabstract(vm, &d.downcast::<PyStaticMethod>().unwrap().callable)
}
fn classmethod_isabstract(vm: &Vm, d: &PyObject) -> PyResult<PyRef> {
    isabstract(vm, &d.downcast::<PyClassMethod>().unwrap().callable)
}

/// `mappingproxy` (read-only view of a type's dict).
pub fn new_mappingproxy(d: PyRef) -> PyRef {
    crate::types::mappingproxy::new_mappingproxy(d)
}

#[allow(dead_code)]
fn unused(_: CompareOp) {}
