//! Type objects (DESIGN.md §4.2): a header like every object, then the slots of the hot
//! protocols, the type's dict, bases and MRO, and a 32-bit version tag.
//!
//! A type object is a [`PyInner<PyTypeData>`](super::PyInner): the `PyObject` header, then
//! the fields below (reached through `Deref`, so `tp.tp_hash` reads as in C). The layout
//! after the header is taipan's own: the limited C API treats `PyTypeObject` as opaque.
//!
//! **Slots.** Every slot is an `Option<fn>` taking the thread-state token `&Vm` first.
//! Built-in types fill them with Rust functions; a class written in Python gets the
//! `slot_*` functions of `types::slots`, which look the dunder up on the type and call it
//! (CPython's `slotdefs`). A subclass starts with its base's slots (`inherit_slots`) and
//! overrides those whose dunder its own dict defines. Slots are `Cell`s because assigning
//! `C.__add__ = f` after class creation updates them (CPython's `update_slot`).
//!
//! **Version tag.** `tp_version_tag` guards inline caches: 0 means "no valid tag"; it is
//! reassigned (`type_modified`) whenever the type or one of its bases changes.

use std::cell::{Cell, RefCell};
use std::borrow::Cow;
use std::mem::ManuallyDrop;

use super::{PyInner, PyObject, PyRef};
use crate::error::PyResult;
use crate::vm::Vm;

/// `Py_TPFLAGS_*` bits, CPython's values.
pub mod flags {
    /// Instances carry a dict (and `__slots__` values) in a prefix before the header
    /// (CPython 3.13's managed dict).
    pub const MANAGED_DICT: u64 = 1 << 4;
    /// Instances can be weakly referenced (they have `__weakref__`).
    pub const MANAGED_WEAKREF: u64 = 1 << 3;
    pub const SEQUENCE: u64 = 1 << 5;
    pub const MAPPING: u64 = 1 << 6;
    pub const IMMUTABLETYPE: u64 = 1 << 8;
    pub const HEAPTYPE: u64 = 1 << 9;
    pub const BASETYPE: u64 = 1 << 10;
    pub const HAVE_GC: u64 = 1 << 14;
    pub const METHOD_DESCRIPTOR: u64 = 1 << 17;
    pub const DISALLOW_INSTANTIATION: u64 = 1 << 7;
    pub const IS_ABSTRACT: u64 = 1 << 20;
    pub const LONG_SUBCLASS: u64 = 1 << 24;
    pub const LIST_SUBCLASS: u64 = 1 << 25;
    pub const TUPLE_SUBCLASS: u64 = 1 << 26;
    pub const BYTES_SUBCLASS: u64 = 1 << 27;
    pub const UNICODE_SUBCLASS: u64 = 1 << 28;
    pub const DICT_SUBCLASS: u64 = 1 << 29;
    pub const BASE_EXC_SUBCLASS: u64 = 1 << 30;
    pub const TYPE_SUBCLASS: u64 = 1 << 31;
    /// taipan's own: a class with `__slots__` and no `__dict__` anywhere in its bases
    /// (its instances have a managed prefix for the slot values only).
    pub const NO_INSTANCE_DICT: u64 = 1 << 40;
}

/// Deallocate an object whose count reached zero: drop its payload, release the
/// references it holds and free its memory.
pub type Destructor = unsafe fn(*mut PyObject);

/// `Py_LT` … `Py_GE`, CPython's numbering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum CompareOp {
    Lt = 0,
    Le = 1,
    Eq = 2,
    Ne = 3,
    Gt = 4,
    Ge = 5,
}

impl CompareOp {
    pub fn from_u8(op: u8) -> CompareOp {
        match op {
            0 => CompareOp::Lt,
            1 => CompareOp::Le,
            2 => CompareOp::Eq,
            3 => CompareOp::Ne,
            4 => CompareOp::Gt,
            _ => CompareOp::Ge,
        }
    }
    /// The operation with its operands swapped (`a < b` ⇔ `b > a`).
    pub fn swapped(self) -> CompareOp {
        match self {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Eq => CompareOp::Eq,
            CompareOp::Ne => CompareOp::Ne,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
        }
    }
    pub fn symbol(self) -> &'static str {
        ["<", "<=", "==", "!=", ">", ">="][self as usize]
    }
    pub fn dunder(self) -> &'static str {
        ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"][self as usize]
    }
}

pub type UnaryFunc = fn(&Vm, &PyObject) -> PyResult<PyRef>;
pub type BinaryFunc = fn(&Vm, &PyObject, &PyObject) -> PyResult<PyRef>;
pub type TernaryFunc = fn(&Vm, &PyObject, &PyObject, &PyObject) -> PyResult<PyRef>;
pub type InquiryFunc = fn(&Vm, &PyObject) -> PyResult<bool>;
pub type LenFunc = fn(&Vm, &PyObject) -> PyResult<usize>;
pub type HashFunc = fn(&Vm, &PyObject) -> PyResult<i64>;
pub type RichCmpFunc = fn(&Vm, &PyObject, &PyObject, CompareOp) -> PyResult<PyRef>;
/// `tp_getattro(obj, name)`; `name` is always a str.
pub type GetattroFunc = fn(&Vm, &PyObject, &PyObject) -> PyResult<PyRef>;
/// `tp_setattro(obj, name, value)`; `None` deletes.
pub type SetattroFunc = fn(&Vm, &PyObject, &PyObject, Option<&PyObject>) -> PyResult<()>;
/// Vectorcall: `args` holds the positional arguments then the keyword values, whose
/// names are `kwnames` (str objects).
pub type CallFunc = fn(&Vm, &PyObject, &[PyRef], &[PyRef]) -> PyResult<PyRef>;
/// `tp_iternext`: `Ok(None)` is exhaustion without an exception (CPython's NULL without
/// an error set), so for-loops never create StopIteration.
pub type IterNextFunc = fn(&Vm, &PyObject) -> PyResult<Option<PyRef>>;
/// `tp_descr_get(descr, obj or None, type)`.
pub type DescrGetFunc = fn(&Vm, &PyObject, Option<&PyObject>, &PyObject) -> PyResult<PyRef>;
/// `tp_descr_set(descr, obj, value)`; `None` deletes.
pub type DescrSetFunc = fn(&Vm, &PyObject, &PyObject, Option<&PyObject>) -> PyResult<()>;
/// `tp_new(type, args, kwnames)`.
pub type NewFunc = fn(&Vm, &PyObject, &[PyRef], &[PyRef]) -> PyResult<PyRef>;
/// `tp_init(self, args, kwnames)`.
pub type InitFunc = fn(&Vm, &PyObject, &[PyRef], &[PyRef]) -> PyResult<()>;
pub type SsizeArgFunc = fn(&Vm, &PyObject, isize) -> PyResult<PyRef>;
pub type ObjObjArgFunc = fn(&Vm, &PyObject, &PyObject, Option<&PyObject>) -> PyResult<()>;
pub type ObjObjFunc = fn(&Vm, &PyObject, &PyObject) -> PyResult<bool>;
/// `tp_finalize` (`__del__`, PEP 442).
pub type FinalizeFunc = fn(&Vm, &PyObject);
/// `tp_traverse`: call `visit` on every object this one holds a strong reference to
/// (the cycle collector's view of the object; never runs Python code).
pub type TraverseFunc = fn(&PyObject, &mut dyn FnMut(&PyObject));
/// `tp_clear`: drop the references that may form cycles (the collector breaks cycles
/// of unreachable objects with it).
pub type ClearFunc = fn(&PyObject);

/// The number protocol (`PyNumberMethods`). Binary slots are called with the operands in
/// source order from either operand's type (CPython's `binary_op1`).
#[derive(Default)]
pub struct NumberSlots {
    pub nb_add: Cell<Option<BinaryFunc>>,
    pub nb_subtract: Cell<Option<BinaryFunc>>,
    pub nb_multiply: Cell<Option<BinaryFunc>>,
    pub nb_remainder: Cell<Option<BinaryFunc>>,
    pub nb_divmod: Cell<Option<BinaryFunc>>,
    pub nb_power: Cell<Option<TernaryFunc>>,
    pub nb_negative: Cell<Option<UnaryFunc>>,
    pub nb_positive: Cell<Option<UnaryFunc>>,
    pub nb_absolute: Cell<Option<UnaryFunc>>,
    pub nb_bool: Cell<Option<InquiryFunc>>,
    pub nb_invert: Cell<Option<UnaryFunc>>,
    pub nb_lshift: Cell<Option<BinaryFunc>>,
    pub nb_rshift: Cell<Option<BinaryFunc>>,
    pub nb_and: Cell<Option<BinaryFunc>>,
    pub nb_xor: Cell<Option<BinaryFunc>>,
    pub nb_or: Cell<Option<BinaryFunc>>,
    pub nb_int: Cell<Option<UnaryFunc>>,
    pub nb_float: Cell<Option<UnaryFunc>>,
    pub nb_inplace_add: Cell<Option<BinaryFunc>>,
    pub nb_inplace_subtract: Cell<Option<BinaryFunc>>,
    pub nb_inplace_multiply: Cell<Option<BinaryFunc>>,
    pub nb_inplace_remainder: Cell<Option<BinaryFunc>>,
    pub nb_inplace_power: Cell<Option<TernaryFunc>>,
    pub nb_inplace_lshift: Cell<Option<BinaryFunc>>,
    pub nb_inplace_rshift: Cell<Option<BinaryFunc>>,
    pub nb_inplace_and: Cell<Option<BinaryFunc>>,
    pub nb_inplace_xor: Cell<Option<BinaryFunc>>,
    pub nb_inplace_or: Cell<Option<BinaryFunc>>,
    pub nb_floor_divide: Cell<Option<BinaryFunc>>,
    pub nb_true_divide: Cell<Option<BinaryFunc>>,
    pub nb_inplace_floor_divide: Cell<Option<BinaryFunc>>,
    pub nb_inplace_true_divide: Cell<Option<BinaryFunc>>,
    pub nb_index: Cell<Option<UnaryFunc>>,
    pub nb_matrix_multiply: Cell<Option<BinaryFunc>>,
    pub nb_inplace_matrix_multiply: Cell<Option<BinaryFunc>>,
}

/// The sequence protocol (`PySequenceMethods`).
#[derive(Default)]
pub struct SequenceSlots {
    pub sq_length: Cell<Option<LenFunc>>,
    pub sq_concat: Cell<Option<BinaryFunc>>,
    pub sq_repeat: Cell<Option<SsizeArgFunc>>,
    pub sq_item: Cell<Option<SsizeArgFunc>>,
    pub sq_ass_item: Cell<Option<fn(&Vm, &PyObject, isize, Option<&PyObject>) -> PyResult<()>>>,
    pub sq_contains: Cell<Option<ObjObjFunc>>,
    pub sq_inplace_concat: Cell<Option<BinaryFunc>>,
    pub sq_inplace_repeat: Cell<Option<SsizeArgFunc>>,
}

/// The mapping protocol (`PyMappingMethods`).
#[derive(Default)]
pub struct MappingSlots {
    pub mp_length: Cell<Option<LenFunc>>,
    pub mp_subscript: Cell<Option<BinaryFunc>>,
    pub mp_ass_subscript: Cell<Option<ObjObjArgFunc>>,
}

/// A static type's name (`tp_name: static_name("list")`).
pub const fn static_name(name: &'static str) -> ManuallyDrop<RefCell<Cow<'static, str>>> {
    ManuallyDrop::new(RefCell::new(Cow::Borrowed(name)))
}

/// `tp_dealloc` of type objects: the fields that own references are `ManuallyDrop` (so
/// that static types can be written as constants with `..PyTypeData::BASE`, which Rust
/// only allows for types without drop glue); a heap type releases them here.
///
/// # Safety
/// `obj` is a type object whose count reached zero.
pub unsafe fn type_dealloc(obj: *mut PyObject) {
    unsafe {
        let t = &mut (*(obj as *mut PyTypeObject)).payload;
        // Leave the bases' lists of subclasses (they do not own a reference to us).
        let bases: Vec<PyRef> = t.tp_bases.borrow().as_ref().map(|b| crate::types::tuple::tuple_items(b).to_vec()).unwrap_or_default();
        for b in bases {
            if let Some(bt) = crate::types::type_::downcast_type(&b) {
                bt.tp_subclasses.borrow_mut().retain(|&p| p != obj as *const PyObject);
            }
        }
        ManuallyDrop::drop(&mut t.tp_name);
        ManuallyDrop::drop(&mut t.ht_qualname);
        ManuallyDrop::drop(&mut t.tp_bases);
        ManuallyDrop::drop(&mut t.tp_mro);
        ManuallyDrop::drop(&mut t.tp_dict);
        ManuallyDrop::drop(&mut t.tp_subclasses);
        ManuallyDrop::drop(&mut t.ht_slots);
        super::inner::dealloc::<PyTypeData>(obj);
    }
}

/// Everything of a type object after its `PyObject` header.
pub struct PyTypeData {
    /// `tp_name`: for built-in types the dotted C name ("collections.OrderedDict");
    /// for classes the `__name__` (their module lives in the dict's `__module__`).
    pub tp_name: ManuallyDrop<RefCell<Cow<'static, str>>>,
    /// `__qualname__` of a heap type (`None` for static types: their qualname is the name).
    pub ht_qualname: ManuallyDrop<RefCell<Option<PyRef>>>,
    pub tp_flags: Cell<u64>,
    pub tp_doc: Option<&'static str>,
    /// The solid base (`tp_base`); null only for `object`.
    pub tp_base: Cell<*const PyTypeObject>,
    /// `__bases__` (a tuple), set by `type_ready` / class creation.
    pub tp_bases: ManuallyDrop<RefCell<Option<PyRef>>>,
    /// `__mro__` (a tuple).
    pub tp_mro: ManuallyDrop<RefCell<Option<PyRef>>>,
    /// The type's namespace (a dict).
    pub tp_dict: ManuallyDrop<RefCell<Option<PyRef>>>,
    /// Weak list of direct subclasses, for slot updates and `__subclasses__()`.
    pub tp_subclasses: ManuallyDrop<RefCell<Vec<*const PyObject>>>,
    pub tp_dealloc: Cell<Destructor>,
    pub tp_version_tag: Cell<u32>,
    /// For classes: the names of `__slots__` members stored in the instance prefix.
    pub ht_slots: ManuallyDrop<RefCell<Vec<PyRef>>>,
    /// Number of `__slots__` values (including inherited ones) in the instance prefix.
    pub ht_nslots: Cell<usize>,

    pub tp_repr: Cell<Option<UnaryFunc>>,
    pub tp_str: Cell<Option<UnaryFunc>>,
    pub tp_hash: Cell<Option<HashFunc>>,
    pub tp_call: Cell<Option<CallFunc>>,
    pub tp_getattro: Cell<Option<GetattroFunc>>,
    pub tp_setattro: Cell<Option<SetattroFunc>>,
    pub tp_richcompare: Cell<Option<RichCmpFunc>>,
    pub tp_iter: Cell<Option<UnaryFunc>>,
    pub tp_iternext: Cell<Option<IterNextFunc>>,
    pub tp_descr_get: Cell<Option<DescrGetFunc>>,
    pub tp_descr_set: Cell<Option<DescrSetFunc>>,
    pub tp_init: Cell<Option<InitFunc>>,
    pub tp_new: Cell<Option<NewFunc>>,
    pub tp_finalize: Cell<Option<FinalizeFunc>>,
    pub tp_traverse: Cell<Option<TraverseFunc>>,
    pub tp_clear: Cell<Option<ClearFunc>>,
    pub tp_as_number: NumberSlots,
    pub tp_as_sequence: SequenceSlots,
    pub tp_as_mapping: MappingSlots,

    /// Methods of a built-in type, installed in its dict by `type_ready`.
    pub tp_methods: &'static [crate::types::function::MethodDef],
    /// Data descriptors (getters/setters) of a built-in type.
    pub tp_getset: &'static [crate::types::descr::GetSetDef],
    /// Where an instance keeps its `__dict__` when its payload has one (function,
    /// module, exceptions, …); classes without such a base use the managed prefix.
    pub tp_dict_of: Cell<Option<fn(&PyObject) -> &RefCell<Option<PyRef>>>>,
}

/// A type object.
pub type PyTypeObject = PyInner<PyTypeData>;

// SAFETY: type objects, like every object, are only touched by the thread holding the
// GIL; static types are shared between threads only through that lock.
unsafe impl Sync for PyTypeData {}

impl PyTypeData {
    /// The blank slate every static type starts from (`..PyTypeData::BASE`).
    pub const BASE: PyTypeData = PyTypeData {
        tp_name: ManuallyDrop::new(RefCell::new(Cow::Borrowed("?"))),
        ht_qualname: ManuallyDrop::new(RefCell::new(None)),
        tp_flags: Cell::new(flags::IMMUTABLETYPE),
        tp_doc: None,
        tp_base: Cell::new(std::ptr::null()),
        tp_bases: ManuallyDrop::new(RefCell::new(None)),
        tp_mro: ManuallyDrop::new(RefCell::new(None)),
        tp_dict: ManuallyDrop::new(RefCell::new(None)),
        tp_subclasses: ManuallyDrop::new(RefCell::new(Vec::new())),
        tp_dealloc: Cell::new(super::inner::dealloc_never),
        tp_version_tag: Cell::new(0),
        ht_slots: ManuallyDrop::new(RefCell::new(Vec::new())),
        ht_nslots: Cell::new(0),
        tp_repr: Cell::new(None),
        tp_str: Cell::new(None),
        tp_hash: Cell::new(None),
        tp_call: Cell::new(None),
        tp_getattro: Cell::new(None),
        tp_setattro: Cell::new(None),
        tp_richcompare: Cell::new(None),
        tp_iter: Cell::new(None),
        tp_iternext: Cell::new(None),
        tp_descr_get: Cell::new(None),
        tp_descr_set: Cell::new(None),
        tp_init: Cell::new(None),
        tp_new: Cell::new(None),
        tp_finalize: Cell::new(None),
        tp_traverse: Cell::new(None),
        tp_clear: Cell::new(None),
        tp_as_number: NumberSlots::EMPTY,
        tp_as_sequence: SequenceSlots::EMPTY,
        tp_as_mapping: MappingSlots::EMPTY,
        tp_methods: &[],
        tp_getset: &[],
        tp_dict_of: Cell::new(None),
    };

    /// The `__name__` part of `tp_name` (after the last dot), as CPython's `type.__name__`.
    pub fn name(&self) -> String {
        let n = self.tp_name.borrow();
        match n.rfind('.') {
            Some(i) if self.tp_flags.get() & flags::HEAPTYPE == 0 => n[i + 1..].to_string(),
            _ => n.to_string(),
        }
    }

    /// The direct subclasses (`__subclasses__()`), as new references: the list itself
    /// does not own them (a subclass removes itself when it is freed).
    pub fn subclasses(&self) -> Vec<PyRef> {
        // SAFETY: listed subclasses are alive (type_dealloc unlists them).
        self.tp_subclasses.borrow().iter().map(|&p| unsafe { &*p }.to_ref()).collect()
    }

    pub fn has_flag(&self, flag: u64) -> bool {
        self.tp_flags.get() & flag != 0
    }

    pub fn is_heap_type(&self) -> bool {
        self.has_flag(flags::HEAPTYPE)
    }

    /// `tp_base` as a reference.
    pub fn base(&self) -> Option<&PyTypeObject> {
        let b = self.tp_base.get();
        // SAFETY: a type keeps its base alive (static, or referenced from `__bases__`).
        if b.is_null() { None } else { Some(unsafe { &*b }) }
    }
}

macro_rules! empty_slots {
    ($t:ident { $($f:ident),* $(,)? }) => {
        impl $t {
            pub const EMPTY: $t = $t { $($f: Cell::new(None)),* };
        }
    };
}

empty_slots!(NumberSlots {
    nb_add, nb_subtract, nb_multiply, nb_remainder, nb_divmod, nb_power, nb_negative,
    nb_positive, nb_absolute, nb_bool, nb_invert, nb_lshift, nb_rshift, nb_and, nb_xor,
    nb_or, nb_int, nb_float, nb_inplace_add, nb_inplace_subtract, nb_inplace_multiply,
    nb_inplace_remainder, nb_inplace_power, nb_inplace_lshift, nb_inplace_rshift,
    nb_inplace_and, nb_inplace_xor, nb_inplace_or, nb_floor_divide, nb_true_divide,
    nb_inplace_floor_divide, nb_inplace_true_divide, nb_index, nb_matrix_multiply,
    nb_inplace_matrix_multiply,
});
empty_slots!(SequenceSlots {
    sq_length, sq_concat, sq_repeat, sq_item, sq_ass_item, sq_contains, sq_inplace_concat,
    sq_inplace_repeat,
});
empty_slots!(MappingSlots { mp_length, mp_subscript, mp_ass_subscript });

impl PyTypeObject {
    /// `PyType_IsSubtype`: walks the MRO when it is set, else the `tp_base` chain.
    pub fn is_subtype(&self, other: &PyTypeObject) -> bool {
        if std::ptr::eq(self, other) {
            return true;
        }
        if let Some(mro) = self.tp_mro.borrow().as_ref() {
            let items = crate::types::tuple::tuple_items(mro);
            return items.iter().any(|t| std::ptr::eq(t.as_ptr() as *const PyTypeObject, other));
        }
        let mut t = self.base();
        while let Some(b) = t {
            if std::ptr::eq(b, other) {
                return true;
            }
            t = b.base();
        }
        false
    }
}
