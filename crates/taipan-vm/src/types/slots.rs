//! Slots ↔ dunder methods (CPython's `slotdefs`).
//!
//! Two directions:
//! - a **built-in type** gets, for each slot it fills, a `wrapper_descriptor` in its dict
//!   (`int.__add__`, `int.__radd__`, `list.__len__`), which calls the slot;
//! - a **class** gets, for each dunder its namespace defines, the generic `slot_*`
//!   function in the slot, which looks the dunder up on the object's type and calls it.
//!   Binary operators follow CPython's `SLOT1BINFULL` protocol (try the reflected method
//!   of a subclass right operand first).

use crate::error::PyResult;
use crate::object::typeobj::*;
use crate::object::{PyObject, PyRef, PyTypeObject};
use crate::protocol;
use crate::types::{descr, dict, none, type_};
use crate::vm::Vm;

/// What a dunder maps to.
#[derive(Clone, Copy)]
pub enum SlotKind {
    Repr,
    Str,
    Hash,
    Call,
    GetAttribute,
    GetAttr,
    SetAttr,
    DelAttr,
    Compare(CompareOp),
    Iter,
    Next,
    DescrGet,
    DescrSet,
    DescrDelete,
    Init,
    New,
    Del,
    /// A binary number slot; `reflected` for `__rX__`.
    Binary { slot: fn(&PyTypeData) -> &std::cell::Cell<Option<BinaryFunc>>, reflected: bool, generic: BinaryFunc },
    Unary { slot: fn(&PyTypeData) -> &std::cell::Cell<Option<UnaryFunc>>, generic: UnaryFunc },
    Power { reflected: bool },
    InplacePower,
    Bool,
    Len,
    GetItem,
    SetItem,
    DelItem,
    Contains,
    /// `sq_concat` / `sq_inplace_concat` (`__add__`, `__iadd__` of str, bytes, tuple, list):
    /// only for built-in types whose number slot is empty; classes never fill them.
    SqConcat { inplace: bool },
    /// `sq_repeat` / `sq_inplace_repeat` (`__mul__`, `__rmul__`, `__imul__`).
    SqRepeat { inplace: bool },
}

pub struct SlotDef {
    pub name: &'static str,
    pub kind: SlotKind,
}

macro_rules! binary_slot {
    ($generic:ident, $field:ident, $name:literal, $rname:literal) => {
        /// Generic binary slot of a class (`SLOT1BINFULL`).
        pub fn $generic(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
            binary_dunder(vm, a, b, $name, $rname, |t| t.tp_as_number.$field.get().map(|f| f as usize) == Some($generic as *const () as usize))
        }
    };
}
macro_rules! inplace_slot {
    ($generic:ident, $name:literal) => {
        pub fn $generic(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
            call_dunder_or_notimpl(vm, a, $name, &[b.to_ref()])
        }
    };
}
macro_rules! unary_slot {
    ($generic:ident, $name:literal) => {
        pub fn $generic(vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
            protocol::call_special(vm, a, $name, &[])
        }
    };
}

binary_slot!(slot_nb_add, nb_add, "__add__", "__radd__");
binary_slot!(slot_nb_subtract, nb_subtract, "__sub__", "__rsub__");
binary_slot!(slot_nb_multiply, nb_multiply, "__mul__", "__rmul__");
binary_slot!(slot_nb_remainder, nb_remainder, "__mod__", "__rmod__");
binary_slot!(slot_nb_divmod, nb_divmod, "__divmod__", "__rdivmod__");
binary_slot!(slot_nb_lshift, nb_lshift, "__lshift__", "__rlshift__");
binary_slot!(slot_nb_rshift, nb_rshift, "__rshift__", "__rrshift__");
binary_slot!(slot_nb_and, nb_and, "__and__", "__rand__");
binary_slot!(slot_nb_xor, nb_xor, "__xor__", "__rxor__");
binary_slot!(slot_nb_or, nb_or, "__or__", "__ror__");
binary_slot!(slot_nb_floor_divide, nb_floor_divide, "__floordiv__", "__rfloordiv__");
binary_slot!(slot_nb_true_divide, nb_true_divide, "__truediv__", "__rtruediv__");
binary_slot!(slot_nb_matrix_multiply, nb_matrix_multiply, "__matmul__", "__rmatmul__");
inplace_slot!(slot_nb_inplace_add, "__iadd__");
inplace_slot!(slot_nb_inplace_subtract, "__isub__");
inplace_slot!(slot_nb_inplace_multiply, "__imul__");
inplace_slot!(slot_nb_inplace_remainder, "__imod__");
inplace_slot!(slot_nb_inplace_lshift, "__ilshift__");
inplace_slot!(slot_nb_inplace_rshift, "__irshift__");
inplace_slot!(slot_nb_inplace_and, "__iand__");
inplace_slot!(slot_nb_inplace_xor, "__ixor__");
inplace_slot!(slot_nb_inplace_or, "__ior__");
inplace_slot!(slot_nb_inplace_floor_divide, "__ifloordiv__");
inplace_slot!(slot_nb_inplace_true_divide, "__itruediv__");
inplace_slot!(slot_nb_inplace_matrix_multiply, "__imatmul__");
unary_slot!(slot_nb_negative, "__neg__");
unary_slot!(slot_nb_positive, "__pos__");
unary_slot!(slot_nb_absolute, "__abs__");
unary_slot!(slot_nb_invert, "__invert__");
unary_slot!(slot_nb_int, "__int__");
unary_slot!(slot_nb_float, "__float__");
unary_slot!(slot_nb_index, "__index__");

macro_rules! bin {
    ($name:literal, $field:ident, $r:expr, $generic:ident) => {
        SlotDef {
            name: $name,
            kind: SlotKind::Binary { slot: |t| &t.tp_as_number.$field, reflected: $r, generic: $generic },
        }
    };
}
macro_rules! un {
    ($name:literal, $field:ident, $generic:ident) => {
        SlotDef { name: $name, kind: SlotKind::Unary { slot: |t| &t.tp_as_number.$field, generic: $generic } }
    };
}

pub static SLOTDEFS: &[SlotDef] = &[
    SlotDef { name: "__getattribute__", kind: SlotKind::GetAttribute },
    SlotDef { name: "__getattr__", kind: SlotKind::GetAttr },
    SlotDef { name: "__setattr__", kind: SlotKind::SetAttr },
    SlotDef { name: "__delattr__", kind: SlotKind::DelAttr },
    SlotDef { name: "__repr__", kind: SlotKind::Repr },
    SlotDef { name: "__hash__", kind: SlotKind::Hash },
    SlotDef { name: "__call__", kind: SlotKind::Call },
    SlotDef { name: "__str__", kind: SlotKind::Str },
    SlotDef { name: "__lt__", kind: SlotKind::Compare(CompareOp::Lt) },
    SlotDef { name: "__le__", kind: SlotKind::Compare(CompareOp::Le) },
    SlotDef { name: "__eq__", kind: SlotKind::Compare(CompareOp::Eq) },
    SlotDef { name: "__ne__", kind: SlotKind::Compare(CompareOp::Ne) },
    SlotDef { name: "__gt__", kind: SlotKind::Compare(CompareOp::Gt) },
    SlotDef { name: "__ge__", kind: SlotKind::Compare(CompareOp::Ge) },
    SlotDef { name: "__iter__", kind: SlotKind::Iter },
    SlotDef { name: "__next__", kind: SlotKind::Next },
    SlotDef { name: "__get__", kind: SlotKind::DescrGet },
    SlotDef { name: "__set__", kind: SlotKind::DescrSet },
    SlotDef { name: "__delete__", kind: SlotKind::DescrDelete },
    SlotDef { name: "__init__", kind: SlotKind::Init },
    SlotDef { name: "__new__", kind: SlotKind::New },
    SlotDef { name: "__del__", kind: SlotKind::Del },
    bin!("__add__", nb_add, false, slot_nb_add),
    bin!("__radd__", nb_add, true, slot_nb_add),
    bin!("__sub__", nb_subtract, false, slot_nb_subtract),
    bin!("__rsub__", nb_subtract, true, slot_nb_subtract),
    bin!("__mul__", nb_multiply, false, slot_nb_multiply),
    bin!("__rmul__", nb_multiply, true, slot_nb_multiply),
    bin!("__mod__", nb_remainder, false, slot_nb_remainder),
    bin!("__rmod__", nb_remainder, true, slot_nb_remainder),
    bin!("__divmod__", nb_divmod, false, slot_nb_divmod),
    bin!("__rdivmod__", nb_divmod, true, slot_nb_divmod),
    SlotDef { name: "__pow__", kind: SlotKind::Power { reflected: false } },
    SlotDef { name: "__rpow__", kind: SlotKind::Power { reflected: true } },
    un!("__neg__", nb_negative, slot_nb_negative),
    un!("__pos__", nb_positive, slot_nb_positive),
    un!("__abs__", nb_absolute, slot_nb_absolute),
    SlotDef { name: "__bool__", kind: SlotKind::Bool },
    un!("__invert__", nb_invert, slot_nb_invert),
    bin!("__lshift__", nb_lshift, false, slot_nb_lshift),
    bin!("__rlshift__", nb_lshift, true, slot_nb_lshift),
    bin!("__rshift__", nb_rshift, false, slot_nb_rshift),
    bin!("__rrshift__", nb_rshift, true, slot_nb_rshift),
    bin!("__and__", nb_and, false, slot_nb_and),
    bin!("__rand__", nb_and, true, slot_nb_and),
    bin!("__xor__", nb_xor, false, slot_nb_xor),
    bin!("__rxor__", nb_xor, true, slot_nb_xor),
    bin!("__or__", nb_or, false, slot_nb_or),
    bin!("__ror__", nb_or, true, slot_nb_or),
    un!("__int__", nb_int, slot_nb_int),
    un!("__float__", nb_float, slot_nb_float),
    bin!("__iadd__", nb_inplace_add, false, slot_nb_inplace_add),
    bin!("__isub__", nb_inplace_subtract, false, slot_nb_inplace_subtract),
    bin!("__imul__", nb_inplace_multiply, false, slot_nb_inplace_multiply),
    bin!("__imod__", nb_inplace_remainder, false, slot_nb_inplace_remainder),
    SlotDef { name: "__ipow__", kind: SlotKind::InplacePower },
    bin!("__ilshift__", nb_inplace_lshift, false, slot_nb_inplace_lshift),
    bin!("__irshift__", nb_inplace_rshift, false, slot_nb_inplace_rshift),
    bin!("__iand__", nb_inplace_and, false, slot_nb_inplace_and),
    bin!("__ixor__", nb_inplace_xor, false, slot_nb_inplace_xor),
    bin!("__ior__", nb_inplace_or, false, slot_nb_inplace_or),
    bin!("__floordiv__", nb_floor_divide, false, slot_nb_floor_divide),
    bin!("__rfloordiv__", nb_floor_divide, true, slot_nb_floor_divide),
    bin!("__truediv__", nb_true_divide, false, slot_nb_true_divide),
    bin!("__rtruediv__", nb_true_divide, true, slot_nb_true_divide),
    bin!("__ifloordiv__", nb_inplace_floor_divide, false, slot_nb_inplace_floor_divide),
    bin!("__itruediv__", nb_inplace_true_divide, false, slot_nb_inplace_true_divide),
    un!("__index__", nb_index, slot_nb_index),
    bin!("__matmul__", nb_matrix_multiply, false, slot_nb_matrix_multiply),
    bin!("__rmatmul__", nb_matrix_multiply, true, slot_nb_matrix_multiply),
    bin!("__imatmul__", nb_inplace_matrix_multiply, false, slot_nb_inplace_matrix_multiply),
    SlotDef { name: "__len__", kind: SlotKind::Len },
    SlotDef { name: "__getitem__", kind: SlotKind::GetItem },
    SlotDef { name: "__setitem__", kind: SlotKind::SetItem },
    SlotDef { name: "__delitem__", kind: SlotKind::DelItem },
    SlotDef { name: "__contains__", kind: SlotKind::Contains },
    // The sequence slots come after the number slots, as in CPython's slotdefs: a type
    // filling both (none built in) shows the number slot's wrapper.
    SlotDef { name: "__add__", kind: SlotKind::SqConcat { inplace: false } },
    SlotDef { name: "__mul__", kind: SlotKind::SqRepeat { inplace: false } },
    SlotDef { name: "__rmul__", kind: SlotKind::SqRepeat { inplace: false } },
    SlotDef { name: "__iadd__", kind: SlotKind::SqConcat { inplace: true } },
    SlotDef { name: "__imul__", kind: SlotKind::SqRepeat { inplace: true } },
];

/// Whether the built-in type `tp` fills the slot behind `kind` itself (not inherited).
fn defines_slot(tp: &PyTypeObject, kind: SlotKind) -> bool {
    fn own<T: Copy>(tp: &PyTypeObject, f: impl Fn(&PyTypeData) -> Option<T>, eq: impl Fn(T, T) -> bool) -> bool {
        match (f(tp), tp.base().and_then(|b| f(b))) {
            (Some(a), Some(b)) => !eq(a, b),
            (Some(_), None) => true,
            _ => false,
        }
    }
    let fp = |a: usize, b: usize| a == b;
    match kind {
        SlotKind::Repr => own(tp, |t| t.tp_repr.get().map(|f| f as usize), |a, b| fp(a, b)),
        SlotKind::Str => own(tp, |t| t.tp_str.get().map(|f| f as usize), |a, b| fp(a, b)),
        SlotKind::Hash => own(tp, |t| t.tp_hash.get().map(|f| f as usize), |a, b| fp(a, b))
            && tp.tp_hash.get().map(|f| f as usize) != Some(hash_not_implemented as *const () as usize),
        SlotKind::Call => own(tp, |t| t.tp_call.get().map(|f| f as usize), |a, b| fp(a, b)),
        SlotKind::GetAttribute => own(tp, |t| t.tp_getattro.get().map(|f| f as usize), |a, b| fp(a, b)),
        SlotKind::SetAttr | SlotKind::DelAttr => own(tp, |t| t.tp_setattro.get().map(|f| f as usize), |a, b| fp(a, b)),
        SlotKind::Compare(_) => own(tp, |t| t.tp_richcompare.get().map(|f| f as usize), |a, b| fp(a, b)),
        SlotKind::Iter => own(tp, |t| t.tp_iter.get().map(|f| f as usize), |a, b| fp(a, b)),
        SlotKind::Next => own(tp, |t| t.tp_iternext.get().map(|f| f as usize), |a, b| fp(a, b)),
        SlotKind::DescrGet => own(tp, |t| t.tp_descr_get.get().map(|f| f as usize), |a, b| fp(a, b)),
        SlotKind::DescrSet | SlotKind::DescrDelete => own(tp, |t| t.tp_descr_set.get().map(|f| f as usize), |a, b| fp(a, b)),
        SlotKind::Init => own(tp, |t| t.tp_init.get().map(|f| f as usize), |a, b| fp(a, b)),
        SlotKind::Binary { slot, .. } => own(tp, |t| slot(t).get().map(|f| f as usize), |a, b| fp(a, b)),
        SlotKind::Unary { slot, .. } => own(tp, |t| slot(t).get().map(|f| f as usize), |a, b| fp(a, b)),
        SlotKind::Power { .. } => own(tp, |t| t.tp_as_number.nb_power.get().map(|f| f as usize), |a, b| fp(a, b)),
        SlotKind::InplacePower => own(tp, |t| t.tp_as_number.nb_inplace_power.get().map(|f| f as usize), |a, b| fp(a, b)),
        SlotKind::Bool => own(tp, |t| t.tp_as_number.nb_bool.get().map(|f| f as usize), |a, b| fp(a, b)),
        SlotKind::Len => {
            own(tp, |t| t.tp_as_mapping.mp_length.get().map(|f| f as usize), |a, b| fp(a, b))
                || own(tp, |t| t.tp_as_sequence.sq_length.get().map(|f| f as usize), |a, b| fp(a, b))
        }
        SlotKind::GetItem => {
            own(tp, |t| t.tp_as_mapping.mp_subscript.get().map(|f| f as usize), |a, b| fp(a, b))
                || own(tp, |t| t.tp_as_sequence.sq_item.get().map(|f| f as usize), |a, b| fp(a, b))
        }
        SlotKind::SetItem | SlotKind::DelItem => {
            own(tp, |t| t.tp_as_mapping.mp_ass_subscript.get().map(|f| f as usize), |a, b| fp(a, b))
                || own(tp, |t| t.tp_as_sequence.sq_ass_item.get().map(|f| f as usize), |a, b| fp(a, b))
        }
        SlotKind::Contains => own(tp, |t| t.tp_as_sequence.sq_contains.get().map(|f| f as usize), |a, b| fp(a, b)),
        SlotKind::SqConcat { inplace: false } => own(tp, |t| t.tp_as_sequence.sq_concat.get().map(|f| f as usize), |a, b| fp(a, b)),
        SlotKind::SqConcat { inplace: true } => {
            own(tp, |t| t.tp_as_sequence.sq_inplace_concat.get().map(|f| f as usize), |a, b| fp(a, b))
        }
        SlotKind::SqRepeat { inplace: false } => own(tp, |t| t.tp_as_sequence.sq_repeat.get().map(|f| f as usize), |a, b| fp(a, b)),
        SlotKind::SqRepeat { inplace: true } => {
            own(tp, |t| t.tp_as_sequence.sq_inplace_repeat.get().map(|f| f as usize), |a, b| fp(a, b))
        }
        SlotKind::GetAttr | SlotKind::New | SlotKind::Del => false,
    }
}

/// Add a `wrapper_descriptor` for every slot a built-in type defines itself.
pub fn add_slot_wrappers(vm: &Vm, tp: &'static PyTypeObject) {
    let d = tp.tp_dict.borrow().clone().unwrap();
    for (i, sd) in SLOTDEFS.iter().enumerate() {
        if !defines_slot(tp, sd.kind) {
            continue;
        }
        let name = vm.intern(sd.name);
        if dict::get_item_str_key(&d, &name).is_some() {
            continue;
        }
        let w = descr::new_wrapper_descriptor(tp, i);
        dict::set_item_str_key(vm, &d, &name, &w);
    }
    if tp.tp_new.get().is_some() && dict::get_item_str_key(&d, &vm.intern("__new__")).is_none() {
        let own_new = match tp.base() {
            Some(b) => b.tp_new.get().map(|f| f as usize) != tp.tp_new.get().map(|f| f as usize),
            None => true,
        };
        if own_new {
            dict::set_item_str_key(vm, &d, &vm.intern("__new__"), &descr::new_tp_new_wrapper(tp));
        }
    }
}

/// Copy every slot the subtype leaves empty from its base (`inherit_slots`).
pub fn inherit_slots(tp: &PyTypeObject, base: &PyTypeObject) {
    macro_rules! inherit {
        ($($f:ident).+) => {
            if tp.$($f).+.get().is_none() {
                tp.$($f).+.set(base.$($f).+.get());
            }
        };
    }
    inherit!(tp_repr);
    inherit!(tp_str);
    inherit!(tp_call);
    inherit!(tp_getattro);
    inherit!(tp_setattro);
    // tp_hash and tp_richcompare are inherited together, only when both are empty.
    if tp.tp_hash.get().is_none() && tp.tp_richcompare.get().is_none() {
        tp.tp_hash.set(base.tp_hash.get());
        tp.tp_richcompare.set(base.tp_richcompare.get());
    }
    inherit!(tp_iter);
    inherit!(tp_iternext);
    inherit!(tp_descr_get);
    inherit!(tp_descr_set);
    inherit!(tp_init);
    // A static type with a payload of its own and no tp_new cannot be instantiated
    // (CPython's inherit_special gives it Py_TPFLAGS_DISALLOW_INSTANTIATION): object's
    // tp_new would allocate it without that payload.
    let own_payload = tp.tp_dealloc.get() as usize != base.tp_dealloc.get() as usize;
    let disallow = !tp.is_heap_type()
        && tp.tp_new.get().is_none()
        && (tp.has_flag(crate::object::typeobj::flags::DISALLOW_INSTANTIATION)
            || (std::ptr::eq(base, &*crate::types::object::OBJECT_TYPE) && own_payload));
    if !disallow {
        inherit!(tp_new);
    }
    inherit!(tp_finalize);
    let (n, b) = (&tp.tp_as_number, &base.tp_as_number);
    macro_rules! nb {
        ($($f:ident),*) => { $( if n.$f.get().is_none() { n.$f.set(b.$f.get()); } )* };
    }
    nb!(nb_add, nb_subtract, nb_multiply, nb_remainder, nb_divmod, nb_power, nb_negative,
        nb_positive, nb_absolute, nb_bool, nb_invert, nb_lshift, nb_rshift, nb_and, nb_xor,
        nb_or, nb_int, nb_float, nb_inplace_add, nb_inplace_subtract, nb_inplace_multiply,
        nb_inplace_remainder, nb_inplace_power, nb_inplace_lshift, nb_inplace_rshift,
        nb_inplace_and, nb_inplace_xor, nb_inplace_or, nb_floor_divide, nb_true_divide,
        nb_inplace_floor_divide, nb_inplace_true_divide, nb_index, nb_matrix_multiply,
        nb_inplace_matrix_multiply);
    let (s, sb) = (&tp.tp_as_sequence, &base.tp_as_sequence);
    macro_rules! sq {
        ($($f:ident),*) => { $( if s.$f.get().is_none() { s.$f.set(sb.$f.get()); } )* };
    }
    sq!(sq_length, sq_concat, sq_repeat, sq_item, sq_ass_item, sq_contains, sq_inplace_concat, sq_inplace_repeat);
    let (m, mb) = (&tp.tp_as_mapping, &base.tp_as_mapping);
    if m.mp_length.get().is_none() { m.mp_length.set(mb.mp_length.get()); }
    if m.mp_subscript.get().is_none() { m.mp_subscript.set(mb.mp_subscript.get()); }
    if m.mp_ass_subscript.get().is_none() { m.mp_ass_subscript.set(mb.mp_ass_subscript.get()); }
}

/// Point the slots of a new class at the generic `slot_*` functions for every dunder
/// found along its MRO in a class (not a built-in type).
pub fn fixup_slots(vm: &Vm, tp: &PyTypeObject) -> PyResult<()> {
    let d = tp.tp_dict.borrow().clone().unwrap();
    // A class that defines __eq__ without __hash__ is unhashable.
    if dict::get_item_str_key(&d, &vm.intern("__eq__")).is_some()
        && dict::get_item_str_key(&d, &vm.intern("__hash__")).is_none()
    {
        dict::set_item(vm, &d, &vm.intern("__hash__"), &none::none())?;
    }
    for sd in SLOTDEFS {
        set_slot_from_mro(vm, tp, sd);
    }
    Ok(())
}

/// After `C.name = value` or `del C.name`: recompute the slot of that dunder in `tp` and
/// its subclasses.
pub fn update_slot(vm: &Vm, tp: &PyTypeObject, name: &PyObject) {
    let n = crate::types::str::to_string(name);
    if !(n.starts_with("__") && n.ends_with("__")) {
        return;
    }
    for sd in SLOTDEFS.iter().filter(|sd| sd.name == n) {
        set_slot_from_mro(vm, tp, sd);
    }
    let subs: Vec<PyRef> = tp.subclasses();
    for s in subs {
        if let Some(t) = type_::downcast_type(&s) {
            update_slot(vm, t, name);
        }
    }
}

/// Is `name` defined by a class (heap type) in `tp`'s MRO before any built-in type
/// defines it? Returns the found value.
fn class_defines(vm: &Vm, tp: &PyTypeObject, name: &str) -> Option<PyRef> {
    let mro = tp.tp_mro.borrow().clone()?;
    let key = vm.intern(name);
    for t in crate::types::tuple::tuple_items(&mro) {
        let t = type_::downcast_type(t)?;
        let d = t.tp_dict.borrow().clone()?;
        if let Some(v) = dict::get_item_str_key(&d, &key) {
            if t.is_heap_type() {
                return Some(v);
            }
            return None;
        }
    }
    None
}

fn set_slot_from_mro(vm: &Vm, tp: &PyTypeObject, sd: &SlotDef) {
    let found = class_defines(vm, tp, sd.name);
    let Some(value) = found else { return };
    let is_none = value.is(none::none_ref());
    match sd.kind {
        SlotKind::Repr => tp.tp_repr.set(Some(slot_tp_repr)),
        SlotKind::Str => tp.tp_str.set(Some(slot_tp_str)),
        SlotKind::Hash => tp.tp_hash.set(Some(if is_none { hash_not_implemented } else { slot_tp_hash })),
        SlotKind::Call => tp.tp_call.set(Some(slot_tp_call)),
        SlotKind::GetAttribute | SlotKind::GetAttr => tp.tp_getattro.set(Some(slot_tp_getattr_hook)),
        SlotKind::SetAttr | SlotKind::DelAttr => tp.tp_setattro.set(Some(slot_tp_setattro)),
        SlotKind::Compare(_) => tp.tp_richcompare.set(Some(slot_tp_richcompare)),
        SlotKind::Iter => tp.tp_iter.set(Some(slot_tp_iter)),
        SlotKind::Next => tp.tp_iternext.set(Some(slot_tp_iternext)),
        SlotKind::DescrGet => tp.tp_descr_get.set(Some(slot_tp_descr_get)),
        SlotKind::DescrSet | SlotKind::DescrDelete => tp.tp_descr_set.set(Some(slot_tp_descr_set)),
        SlotKind::Init => tp.tp_init.set(Some(slot_tp_init)),
        SlotKind::New => tp.tp_new.set(Some(slot_tp_new)),
        SlotKind::Del => tp.tp_finalize.set(Some(slot_tp_finalize)),
        SlotKind::Binary { slot, generic, .. } => slot(tp).set(Some(generic)),
        SlotKind::Unary { slot, generic } => slot(tp).set(Some(generic)),
        SlotKind::Power { .. } => tp.tp_as_number.nb_power.set(Some(slot_nb_power)),
        SlotKind::InplacePower => tp.tp_as_number.nb_inplace_power.set(Some(slot_nb_inplace_power)),
        SlotKind::Bool => tp.tp_as_number.nb_bool.set(Some(slot_nb_bool)),
        SlotKind::Len => {
            tp.tp_as_mapping.mp_length.set(Some(slot_mp_length));
            tp.tp_as_sequence.sq_length.set(Some(slot_mp_length));
        }
        SlotKind::GetItem => tp.tp_as_mapping.mp_subscript.set(Some(slot_mp_subscript)),
        SlotKind::SetItem | SlotKind::DelItem => tp.tp_as_mapping.mp_ass_subscript.set(Some(slot_mp_ass_subscript)),
        SlotKind::Contains => tp.tp_as_sequence.sq_contains.set(Some(slot_sq_contains)),
        // A class's `__add__`/`__mul__` go to the number slots only (as in CPython).
        SlotKind::SqConcat { .. } | SlotKind::SqRepeat { .. } => {}
    }
}

/// `tp_hash` of unhashable types: TypeError.
pub fn hash_not_implemented(vm: &Vm, obj: &PyObject) -> PyResult<i64> {
    Err(vm.type_error(format!("unhashable type: '{}'", obj.ob_type().name())))
}

/// Call `type(obj).name(obj, *args)` or return NotImplemented when the type lacks it.
fn call_dunder_or_notimpl(vm: &Vm, obj: &PyObject, name: &str, args: &[PyRef]) -> PyResult<PyRef> {
    match protocol::lookup_special(vm, obj, name)? {
        Some(f) => protocol::call(vm, &f, args, &[]),
        None => Ok(none::not_implemented()),
    }
}

fn binary_dunder(
    vm: &Vm,
    a: &PyObject,
    b: &PyObject,
    name: &str,
    rname: &str,
    has_this_slot: impl Fn(&PyTypeData) -> bool,
) -> PyResult<PyRef> {
    let (ta, tb) = (a.ob_type(), b.ob_type());
    let same = std::ptr::eq(ta, tb);
    let mut do_other = !same && has_this_slot(tb);
    if has_this_slot(ta) {
        if do_other && tb.is_subtype(ta) {
            let r = call_dunder_or_notimpl(vm, b, rname, &[a.to_ref()])?;
            if !r.is(none::not_implemented_ref()) {
                return Ok(r);
            }
            do_other = false;
        }
        let r = call_dunder_or_notimpl(vm, a, name, &[b.to_ref()])?;
        if !r.is(none::not_implemented_ref()) || same {
            return Ok(r);
        }
    }
    if do_other {
        return call_dunder_or_notimpl(vm, b, rname, &[a.to_ref()]);
    }
    Ok(none::not_implemented())
}

fn slot_nb_power(vm: &Vm, a: &PyObject, b: &PyObject, m: &PyObject) -> PyResult<PyRef> {
    if m.is(none::none_ref()) {
        return binary_dunder(vm, a, b, "__pow__", "__rpow__", |t| {
            t.tp_as_number.nb_power.get().map(|f| f as usize) == Some(slot_nb_power as *const () as usize)
        });
    }
    call_dunder_or_notimpl(vm, a, "__pow__", &[b.to_ref(), m.to_ref()])
}

fn slot_nb_inplace_power(vm: &Vm, a: &PyObject, b: &PyObject, _m: &PyObject) -> PyResult<PyRef> {
    call_dunder_or_notimpl(vm, a, "__ipow__", &[b.to_ref()])
}

fn slot_tp_repr(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    protocol::call_special(vm, obj, "__repr__", &[])
}

fn slot_tp_str(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    protocol::call_special(vm, obj, "__str__", &[])
}

fn slot_tp_hash(vm: &Vm, obj: &PyObject) -> PyResult<i64> {
    let r = protocol::call_special(vm, obj, "__hash__", &[])?;
    let Some(i) = crate::types::int::downcast_int(&r) else {
        return Err(vm.type_error("__hash__ method should return an integer"));
    };
    Ok(crate::types::int::hash_int_value(i))
}

fn slot_tp_call(vm: &Vm, obj: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let Some(f) = protocol::lookup_special(vm, obj, "__call__")? else {
        return Err(vm.type_error(format!("'{}' object is not callable", obj.ob_type().name())));
    };
    protocol::call(vm, &f, args, kwnames)
}

/// `__getattribute__` then, on AttributeError, `__getattr__` (`slot_tp_getattr_hook`).
fn slot_tp_getattr_hook(vm: &Vm, obj: &PyObject, name: &PyObject) -> PyResult<PyRef> {
    let tp = obj.ob_type();
    let getattribute = type_::lookup_str(vm, tp, "__getattribute__");
    let r = match &getattribute {
        Some(ga) if !descr::is_object_getattribute(ga) => protocol::call_descr(vm, ga, obj, &[name.to_ref()]),
        _ => crate::types::object::generic_getattr(vm, obj, name),
    };
    match r {
        Err(e) if e.matches(&crate::types::exceptions::ATTRIBUTE_ERROR) => {
            match type_::lookup_str(vm, tp, "__getattr__") {
                Some(ga) => protocol::call_descr(vm, &ga, obj, &[name.to_ref()]),
                None => Err(e),
            }
        }
        r => r,
    }
}

fn slot_tp_setattro(vm: &Vm, obj: &PyObject, name: &PyObject, value: Option<&PyObject>) -> PyResult<()> {
    match value {
        Some(v) => protocol::call_special(vm, obj, "__setattr__", &[name.to_ref(), v.to_ref()]).map(|_| ()),
        None => protocol::call_special(vm, obj, "__delattr__", &[name.to_ref()]).map(|_| ()),
    }
}

fn slot_tp_richcompare(vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    call_dunder_or_notimpl(vm, a, op.dunder(), &[b.to_ref()])
}

fn slot_tp_iter(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    let f = protocol::lookup_special(vm, obj, "__iter__")?;
    match f {
        Some(f) if !f.is(none::none_ref()) => protocol::call(vm, &f, &[], &[]),
        _ => Err(vm.type_error(format!("'{}' object is not iterable", obj.ob_type().name()))),
    }
}

fn slot_tp_iternext(vm: &Vm, obj: &PyObject) -> PyResult<Option<PyRef>> {
    match protocol::call_special(vm, obj, "__next__", &[]) {
        Ok(v) => Ok(Some(v)),
        // Exhaustion (the StopIteration's value is not needed by for-loops).
        Err(e) if e.matches(&crate::types::exceptions::STOP_ITERATION) => Ok(None),
        Err(e) => Err(e),
    }
}

fn slot_tp_descr_get(vm: &Vm, d: &PyObject, obj: Option<&PyObject>, tp: &PyObject) -> PyResult<PyRef> {
    let obj = obj.map(|o| o.to_ref()).unwrap_or_else(none::none);
    protocol::call_special(vm, d, "__get__", &[obj, tp.to_ref()])
}

fn slot_tp_descr_set(vm: &Vm, d: &PyObject, obj: &PyObject, value: Option<&PyObject>) -> PyResult<()> {
    // A missing half (only __delete__ or only __set__) is AttributeError(name).
    let (name, args) = match value {
        Some(v) => ("__set__", vec![obj.to_ref(), v.to_ref()]),
        None => ("__delete__", vec![obj.to_ref()]),
    };
    match protocol::lookup_special(vm, d, name)? {
        Some(f) => protocol::call(vm, &f, &args, &[]).map(|_| ()),
        None => Err(vm.attribute_error(name)),
    }
}

fn slot_tp_init(vm: &Vm, obj: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<()> {
    let Some(f) = protocol::lookup_special(vm, obj, "__init__")? else {
        return Ok(());
    };
    let r = protocol::call(vm, &f, args, kwnames)?;
    if !r.is(none::none_ref()) {
        return Err(vm.type_error(format!("__init__() should return None, not '{}'", r.ob_type().name())));
    }
    Ok(())
}

fn slot_tp_new(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let tp = type_::as_type(vm, cls)?;
    let f = type_::lookup_str(vm, tp, "__new__").ok_or_else(|| vm.type_error("no __new__"))?;
    let f = match f.downcast::<descr::PyStaticMethod>() {
        Some(sm) => sm.callable.clone(),
        None => f,
    };
    let mut full = Vec::with_capacity(args.len() + 1);
    full.push(cls.to_ref());
    full.extend_from_slice(args);
    protocol::call(vm, &f, &full, kwnames)
}

fn slot_tp_finalize(vm: &Vm, obj: &PyObject) {
    // Errors are reported naming the `__del__` function, as CPython does.
    let Some(del) = type_::lookup_str(vm, obj.ob_type(), "__del__") else { return };
    if let Err(e) = protocol::call_descr(vm, &del, obj, &[]) {
        crate::traceback::write_unraisable(vm, &e, Some(("Exception ignored in", &del)));
    }
}

fn slot_nb_bool(vm: &Vm, obj: &PyObject) -> PyResult<bool> {
    if let Some(f) = protocol::lookup_special(vm, obj, "__bool__")? {
        let r = protocol::call(vm, &f, &[], &[])?;
        return match crate::types::int::downcast_bool(&r) {
            Some(b) => Ok(b),
            None => Err(vm.type_error(format!("__bool__ should return bool, returned {}", r.ob_type().name()))),
        };
    }
    if let Some(f) = protocol::lookup_special(vm, obj, "__len__")? {
        let r = protocol::call(vm, &f, &[], &[])?;
        return Ok(protocol::len_result(vm, &r)? != 0);
    }
    Ok(true)
}

fn slot_mp_length(vm: &Vm, obj: &PyObject) -> PyResult<usize> {
    let r = protocol::call_special(vm, obj, "__len__", &[])?;
    protocol::len_result(vm, &r)
}

fn slot_mp_subscript(vm: &Vm, obj: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    protocol::call_special(vm, obj, "__getitem__", &[key.to_ref()])
}

fn slot_mp_ass_subscript(vm: &Vm, obj: &PyObject, key: &PyObject, value: Option<&PyObject>) -> PyResult<()> {
    match value {
        Some(v) => protocol::call_special(vm, obj, "__setitem__", &[key.to_ref(), v.to_ref()]).map(|_| ()),
        None => protocol::call_special(vm, obj, "__delitem__", &[key.to_ref()]).map(|_| ()),
    }
}

fn slot_sq_contains(vm: &Vm, obj: &PyObject, key: &PyObject) -> PyResult<bool> {
    match protocol::lookup_special(vm, obj, "__contains__")? {
        Some(f) if !f.is(none::none_ref()) => {
            let r = protocol::call(vm, &f, &[key.to_ref()], &[])?;
            protocol::is_true(vm, &r)
        }
        _ => protocol::contains_by_iteration(vm, obj, key),
    }
}
