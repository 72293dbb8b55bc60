//! `types.UnionType`: what `int | str` evaluates to (PEP 604).
//!
//! **Representation.** A tuple `__args__` of at least two members, flattened (a union
//! among the operands contributes its members), with `None` stored as `type(None)` and
//! duplicates removed (by identity, or by equality between two generic aliases). A union
//! of one distinct member is that member itself (`int | int` is `int`).
//!
//! `isinstance`/`issubclass` treat a union like the tuple of its members (the protocol
//! functions unwrap it, as CPython's `object_recursive_isinstance` does). Equality and
//! hash ignore the order of the members.

use std::cell::{Cell, RefCell};

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::{flags, static_name, CompareOp};
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::protocol;
use crate::types::descr::GetSetDef;
use crate::types::generic_alias::{self, downcast_alias};
use crate::types::{none, str as pystr, tuple, type_};
use crate::vm::Vm;

pub struct PyUnion {
    /// The members, a tuple of at least two.
    pub args: PyRef,
    parameters: RefCell<Option<PyRef>>,
}

impl PyPayload for PyUnion {
    fn static_type() -> &'static PyTypeObject {
        &UNION_TYPE
    }
}

pub static UNION_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: static_name("types.UnionType"),
        tp_flags: Cell::new(flags::IMMUTABLETYPE | flags::DISALLOW_INSTANTIATION),
        tp_dealloc: Cell::new(dealloc::<PyUnion>),
        tp_repr: Cell::new(Some(union_repr)),
        tp_hash: Cell::new(Some(union_hash)),
        tp_richcompare: Cell::new(Some(union_richcompare)),
        tp_getset: UNION_GETSET,
        tp_as_mapping: crate::object::typeobj::MappingSlots {
            mp_subscript: Cell::new(Some(union_getitem)),
            ..crate::object::typeobj::MappingSlots::EMPTY
        },
        tp_as_number: crate::object::typeobj::NumberSlots {
            nb_or: Cell::new(Some(union_type_or)),
            ..crate::object::typeobj::NumberSlots::EMPTY
        },
        tp_doc: Some("Represent a PEP 604 union type\n\nE.g. for int | str"),
        ..PyTypeData::BASE
    },
));

static UNION_GETSET: &[GetSetDef] = &[
    GetSetDef::new("__args__", union_get_args, None),
    GetSetDef::new("__parameters__", union_get_parameters, None),
];

pub fn downcast_union(o: &PyObject) -> Option<&PyUnion> {
    o.downcast::<PyUnion>().map(|i| &i.payload)
}

/// The members of a union, if `o` is one (for `isinstance`/`issubclass`).
pub fn union_args(o: &PyObject) -> Option<PyRef> {
    downcast_union(o).map(|u| u.args.clone())
}

fn is_unionable(o: &PyObject) -> bool {
    o.is(none::none_ref())
        || type_::downcast_type(o).is_some()
        || downcast_alias(o).is_some()
        || downcast_union(o).is_some()
        || crate::types::typevar::is_type_alias(o)
}

/// `_Py_union_type_or`: the `|` of types, aliases, unions and None (else NotImplemented).
pub fn union_type_or(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    if !is_unionable(a) || !is_unionable(b) {
        return Ok(none::not_implemented());
    }
    make_union(vm, &[a.to_ref(), b.to_ref()])
}

/// Flatten, replace None by NoneType, deduplicate; one member is returned as itself.
pub fn make_union(vm: &Vm, items: &[PyRef]) -> PyResult<PyRef> {
    let mut flat: Vec<PyRef> = Vec::new();
    for x in items {
        if let Some(u) = downcast_union(x) {
            flat.extend(tuple::tuple_items(&u.args).iter().cloned());
        } else if x.is(none::none_ref()) {
            flat.push(none::NONE_TYPE.to_ref());
        } else {
            flat.push(x.clone());
        }
    }
    let mut out: Vec<PyRef> = Vec::with_capacity(flat.len());
    for x in flat {
        let mut dup = false;
        for y in &out {
            dup = if downcast_alias(&x).is_some() && downcast_alias(y).is_some() {
                protocol::richcompare_bool(vm, &x, y, CompareOp::Eq)?
            } else {
                x.is(y)
            };
            if dup {
                break;
            }
        }
        if !dup {
            out.push(x);
        }
    }
    if out.len() == 1 {
        return Ok(out.pop().unwrap());
    }
    Ok(alloc_object(&UNION_TYPE, PyUnion { args: tuple::new_tuple(out), parameters: RefCell::new(None) }))
}

fn un(o: &PyObject) -> &PyUnion {
    downcast_union(o).expect("a union")
}

fn union_repr(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let mut s = String::new();
    for (i, x) in tuple::tuple_items(&un(o).args).iter().enumerate() {
        if i > 0 {
            s.push_str(" | ");
        }
        s.push_str(&generic_alias::type_repr_item(vm, x)?);
    }
    Ok(pystr::new_str(&s))
}

fn union_hash(vm: &Vm, o: &PyObject) -> PyResult<i64> {
    let fs = crate::types::set::new_frozenset(vm, tuple::tuple_items(&un(o).args).to_vec())?;
    protocol::hash(vm, &fs)
}

fn union_richcompare(vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let (Some(x), Some(y)) = (downcast_union(a), downcast_union(b)) else {
        return Ok(none::not_implemented());
    };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(none::not_implemented());
    }
    let fx = crate::types::set::new_frozenset(vm, tuple::tuple_items(&x.args).to_vec())?;
    let fy = crate::types::set::new_frozenset(vm, tuple::tuple_items(&y.args).to_vec())?;
    protocol::richcompare(vm, &fx, &fy, op)
}

fn union_get_args(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(un(o).args.clone())
}

fn union_get_parameters(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let u = un(o);
    if let Some(p) = u.parameters.borrow().clone() {
        return Ok(p);
    }
    let p = generic_alias::make_parameters(vm, tuple::tuple_items(&u.args))?;
    *u.parameters.borrow_mut() = Some(p.clone());
    Ok(p)
}

fn union_getitem(vm: &Vm, o: &PyObject, item: &PyObject) -> PyResult<PyRef> {
    let params = union_get_parameters(vm, o)?;
    let args = generic_alias::subs_parameters(vm, o, tuple::tuple_items(&un(o).args), tuple::tuple_items(&params), item)?;
    let items = tuple::tuple_items(&args);
    let mut acc = items[0].clone();
    for x in &items[1..] {
        acc = protocol::binary_op(vm, &acc, x, 7)?;
    }
    Ok(acc)
}

/// `tp_traverse`: the members and the cached parameters.
pub fn traverse(o: &PyObject, visit: &mut dyn FnMut(&PyObject)) {
    let u = un(o);
    visit(&u.args);
    if let Ok(b) = u.parameters.try_borrow() {
        if let Some(p) = &*b {
            visit(p);
        }
    }
}
