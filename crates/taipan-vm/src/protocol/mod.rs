//! The abstract object protocols (CPython's `Objects/abstract.c` and `object.c`):
//! everything the interpreter and the built-in types do to an object without knowing its
//! type goes through the slots here.

mod length_hint;
mod number;

pub use length_hint::length_hint;
pub use number::*;

use crate::error::PyResult;
use crate::object::typeobj::CompareOp;
use crate::object::{PyObject, PyRef};
use crate::types::{exceptions, int, none, str as pystr, tuple, type_};
use crate::vm::Vm;

/// `repr(obj)`.
pub fn repr(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    let f = obj.ob_type().tp_repr.get().or(crate::types::object::OBJECT_TYPE.tp_repr.get()).unwrap();
    vm.enter_recursive_call(" while getting the repr of an object")?;
    let r = f(vm, obj);
    vm.leave_recursive_call();
    let r = r?;
    if pystr::downcast_str(&r).is_none() {
        return Err(vm.type_error(format!("__repr__ returned non-string (type {})", r.ob_type().name())));
    }
    Ok(r)
}

/// `repr(obj)` as Rust text.
pub fn repr_string(vm: &Vm, obj: &PyObject) -> PyResult<String> {
    let r = repr(vm, obj)?;
    Ok(pystr::str_data(&r).to_string_lossy())
}

/// `str(obj)`.
pub fn str(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    if std::ptr::eq(obj.ob_type(), &*pystr::STR_TYPE) {
        return Ok(obj.to_ref());
    }
    let f = obj.ob_type().tp_str.get().or(obj.ob_type().tp_repr.get()).unwrap();
    vm.enter_recursive_call(" while getting the str of an object")?;
    let r = f(vm, obj);
    vm.leave_recursive_call();
    let r = r?;
    if pystr::downcast_str(&r).is_none() {
        return Err(vm.type_error(format!("__str__ returned non-string (type {})", r.ob_type().name())));
    }
    Ok(r)
}

/// `str(obj)` as Rust text.
pub fn str_string(vm: &Vm, obj: &PyObject) -> PyResult<String> {
    let r = str(vm, obj)?;
    Ok(pystr::str_data(&r).to_string_lossy())
}

/// `Py_ReprEnter`: false when `obj` is already being repr'd on this thread.
pub fn repr_enter(vm: &Vm, obj: &PyObject) -> bool {
    let mut s = vm.repr_stack.borrow_mut();
    if s.contains(&obj.addr()) {
        return false;
    }
    s.push(obj.addr());
    true
}

pub fn repr_leave(vm: &Vm, obj: &PyObject) {
    let mut s = vm.repr_stack.borrow_mut();
    if let Some(p) = s.iter().rposition(|&a| a == obj.addr()) {
        s.remove(p);
    }
}

/// `hash(obj)`.
pub fn hash(vm: &Vm, obj: &PyObject) -> PyResult<i64> {
    match obj.ob_type().tp_hash.get() {
        Some(f) => f(vm, obj),
        None => Err(vm.type_error(format!("unhashable type: '{}'", obj.ob_type().name()))),
    }
}

/// Truth value (`PyObject_IsTrue`).
pub fn is_true(vm: &Vm, obj: &PyObject) -> PyResult<bool> {
    if obj.is(int::TRUE.as_object()) {
        return Ok(true);
    }
    if obj.is(int::FALSE.as_object()) || obj.is(none::none_ref()) {
        return Ok(false);
    }
    let tp = obj.ob_type();
    if let Some(f) = tp.tp_as_number.nb_bool.get() {
        return f(vm, obj);
    }
    if let Some(f) = tp.tp_as_mapping.mp_length.get().or(tp.tp_as_sequence.sq_length.get()) {
        return Ok(f(vm, obj)? != 0);
    }
    Ok(true)
}

/// The result of `__len__` as a size (`len()`'s checks).
pub fn len_result(vm: &Vm, r: &PyObject) -> PyResult<usize> {
    let Some(i) = int::downcast_int(r) else {
        return Err(vm.type_error(format!("'{}' object cannot be interpreted as an integer", r.ob_type().name())));
    };
    match i.as_i64() {
        Some(n) if n < 0 => Err(vm.value_error("__len__() should return >= 0")),
        Some(n) => Ok(n as usize),
        None if i.to_ibig() < dashu_int::IBig::ZERO => Err(vm.value_error("__len__() should return >= 0")),
        None => Err(vm.overflow_error("cannot fit 'int' into an index-sized integer")),
    }
}

/// `len(obj)`.
pub fn len(vm: &Vm, obj: &PyObject) -> PyResult<usize> {
    let tp = obj.ob_type();
    match tp.tp_as_sequence.sq_length.get().or(tp.tp_as_mapping.mp_length.get()) {
        Some(f) => f(vm, obj),
        None => Err(vm.type_error(format!("object of type '{}' has no len()", tp.name()))),
    }
}

/// `getattr(obj, name)`; `name` is a str.
pub fn getattr(vm: &Vm, obj: &PyObject, name: &PyObject) -> PyResult<PyRef> {
    match obj.ob_type().tp_getattro.get() {
        Some(f) => f(vm, obj, name),
        None => crate::types::object::generic_getattr(vm, obj, name),
    }
}

/// `getattr(obj, name, None)` with "missing" as `None` (AttributeError swallowed).
pub fn getattr_opt(vm: &Vm, obj: &PyObject, name: &PyObject) -> PyResult<Option<PyRef>> {
    let f = obj.ob_type().tp_getattro.get().unwrap_or(crate::types::object::generic_getattr);
    if f as usize == crate::types::object::generic_getattr as *const () as usize {
        return crate::types::object::generic_getattr_opt(vm, obj, name);
    }
    match f(vm, obj, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.matches(&exceptions::ATTRIBUTE_ERROR) => Ok(None),
        Err(e) => Err(e),
    }
}

pub fn getattr_str(vm: &Vm, obj: &PyObject, name: &str) -> PyResult<PyRef> {
    getattr(vm, obj, &vm.intern(name))
}

/// `setattr(obj, name, value)`.
pub fn setattr(vm: &Vm, obj: &PyObject, name: &PyObject, value: &PyObject) -> PyResult<()> {
    match obj.ob_type().tp_setattro.get() {
        Some(f) => f(vm, obj, name, Some(value)),
        None => Err(readonly_attrs(vm, obj, name)),
    }
}

/// `delattr(obj, name)`.
pub fn delattr(vm: &Vm, obj: &PyObject, name: &PyObject) -> PyResult<()> {
    match obj.ob_type().tp_setattro.get() {
        Some(f) => f(vm, obj, name, None),
        None => Err(readonly_attrs(vm, obj, name)),
    }
}

#[cold]
fn readonly_attrs(vm: &Vm, obj: &PyObject, name: &PyObject) -> crate::error::PyErr {
    vm.attribute_error(format!(
        "'{}' object has no attribute '{}' and no __dict__ for setting new attributes",
        obj.ob_type().name(),
        pystr::to_string(name)
    ))
}

/// Call `callable(*args, **dict(zip(kwnames, args[-len(kwnames):])))`.
pub fn call(vm: &Vm, callable: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    match callable.ob_type().tp_call.get() {
        Some(f) => f(vm, callable, args, kwnames),
        None => Err(vm.type_error(format!("'{}' object is not callable", callable.ob_type().name()))),
    }
}

/// `obj.name(*args)`.
pub fn call_method(vm: &Vm, obj: &PyObject, name: &str, args: &[PyRef]) -> PyResult<PyRef> {
    let f = getattr_str(vm, obj, name)?;
    call(vm, &f, args, &[])
}

/// Look a special method up on the type (not the instance) and bind it
/// (`_PyObject_LookupSpecial`). `Ok(None)` when the type lacks it.
pub fn lookup_special(vm: &Vm, obj: &PyObject, name: &str) -> PyResult<Option<PyRef>> {
    let Some(f) = type_::lookup_str(vm, obj.ob_type(), name) else { return Ok(None) };
    match f.ob_type().tp_descr_get.get() {
        Some(get) => get(vm, &f, Some(obj), obj.ob_type().as_object()).map(Some),
        None => Ok(Some(f)),
    }
}

/// Call the special method `name` of `obj`'s type; AttributeError when missing.
pub fn call_special(vm: &Vm, obj: &PyObject, name: &str, args: &[PyRef]) -> PyResult<PyRef> {
    match lookup_special(vm, obj, name)? {
        Some(f) => call(vm, &f, args, &[]),
        None => Err(vm.attribute_error(format!("'{}' object has no attribute '{name}'", obj.ob_type().name()))),
    }
}

/// Call an unbound descriptor found on a type as a method of `obj`.
pub fn call_descr(vm: &Vm, f: &PyObject, obj: &PyObject, args: &[PyRef]) -> PyResult<PyRef> {
    let bound = match f.ob_type().tp_descr_get.get() {
        Some(get) => get(vm, f, Some(obj), obj.ob_type().as_object())?,
        None => f.to_ref(),
    };
    call(vm, &bound, args, &[])
}

/// `PyObject_RichCompare`: reflected operation first when `b`'s type is a subclass that
/// overrides it; `==`/`!=` fall back to identity.
pub fn richcompare(vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    vm.enter_recursive_call(" in comparison")?;
    let r = do_richcompare(vm, a, b, op);
    vm.leave_recursive_call();
    r
}

fn do_richcompare(vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let (ta, tb) = (a.ob_type(), b.ob_type());
    let mut checked_reverse = false;
    if !std::ptr::eq(ta, tb) && tb.is_subtype(ta) {
        if let Some(f) = tb.tp_richcompare.get() {
            checked_reverse = true;
            let r = f(vm, b, a, op.swapped())?;
            if !r.is(none::not_implemented_ref()) {
                return Ok(r);
            }
        }
    }
    if let Some(f) = ta.tp_richcompare.get() {
        let r = f(vm, a, b, op)?;
        if !r.is(none::not_implemented_ref()) {
            return Ok(r);
        }
    }
    if !checked_reverse {
        if let Some(f) = tb.tp_richcompare.get() {
            let r = f(vm, b, a, op.swapped())?;
            if !r.is(none::not_implemented_ref()) {
                return Ok(r);
            }
        }
    }
    match op {
        CompareOp::Eq => Ok(none::bool_(a.is(b))),
        CompareOp::Ne => Ok(none::bool_(!a.is(b))),
        _ => Err(vm.type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            ta.name(),
            tb.name()
        ))),
    }
}

/// `PyObject_RichCompareBool`.
pub fn richcompare_bool(vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<bool> {
    if a.is(b) {
        if op == CompareOp::Eq {
            return Ok(true);
        }
        if op == CompareOp::Ne {
            return Ok(false);
        }
    }
    // Exact ints, floats and strs compare without a bool object (eval/fast.rs).
    if let Some(r) = crate::eval::fast::compare_op(a, b, op) {
        return Ok(r);
    }
    let r = richcompare(vm, a, b, op)?;
    is_true(vm, &r)
}

/// Equality as containers test it: identity first, then `==`.
pub fn eq_identity_first(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<bool> {
    richcompare_bool(vm, a, b, CompareOp::Eq)
}

/// `iter(obj)`.
pub fn getiter(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    let tp = obj.ob_type();
    if let Some(f) = tp.tp_iter.get() {
        let it = f(vm, obj)?;
        if it.ob_type().tp_iternext.get().is_none() {
            return Err(vm.type_error(format!(
                "iter() returned non-iterator of type '{}'",
                it.ob_type().name()
            )));
        }
        return Ok(it);
    }
    if tp.tp_as_sequence.sq_item.get().is_some() || tp.tp_as_mapping.mp_subscript.get().is_some() {
        if !tp.has_flag(crate::object::typeobj::flags::MAPPING) || tp.tp_as_sequence.sq_item.get().is_some() {
            return crate::types::iter::seq_iter(vm, obj);
        }
    }
    Err(vm.type_error(format!("'{}' object is not iterable", tp.name())))
}

/// `next(it)` with exhaustion as `Ok(None)`.
pub fn next(vm: &Vm, it: &PyObject) -> PyResult<Option<PyRef>> {
    match it.ob_type().tp_iternext.get() {
        Some(f) => f(vm, it),
        None => Err(vm.type_error(format!("'{}' object is not an iterator", it.ob_type().name()))),
    }
}

/// All items of an iterable.
pub fn iterate(vm: &Vm, obj: &PyObject) -> PyResult<Vec<PyRef>> {
    if let Some(items) = tuple::downcast_tuple(obj) {
        return Ok(items.to_vec());
    }
    if let Some(l) = crate::types::list::downcast_list(obj) {
        return Ok(l.items.borrow().clone());
    }
    let it = getiter(vm, obj)?;
    let mut v = Vec::new();
    while let Some(x) = next(vm, &it)? {
        v.push(x);
    }
    Ok(v)
}

/// `obj[key]`.
pub fn getitem(vm: &Vm, obj: &PyObject, key: &PyObject) -> PyResult<PyRef> {
    let tp = obj.ob_type();
    if let Some(f) = tp.tp_as_mapping.mp_subscript.get() {
        return f(vm, obj, key);
    }
    if let Some(f) = tp.tp_as_sequence.sq_item.get() {
        let i = index_as_isize_for(vm, key, "sequence index must be integer, not")?;
        return f(vm, obj, i);
    }
    if let Some(t) = type_::downcast_type(obj) {
        if std::ptr::eq(t, &*type_::TYPE_TYPE) {
            return Ok(crate::types::generic_alias::new_generic_alias(obj, key));
        }
        if let Some(cg) = type_::lookup_str(vm, t, "__class_getitem__") {
            let f = match cg.ob_type().tp_descr_get.get() {
                Some(get) => get(vm, &cg, None, obj)?,
                None => cg,
            };
            return call(vm, &f, &[key.to_ref()], &[]);
        }
        return Err(vm.type_error(format!("type '{}' is not subscriptable", t.name())));
    }
    Err(vm.type_error(format!("'{}' object is not subscriptable", tp.name())))
}

/// `obj[key] = value`.
pub fn setitem(vm: &Vm, obj: &PyObject, key: &PyObject, value: &PyObject) -> PyResult<()> {
    match obj.ob_type().tp_as_mapping.mp_ass_subscript.get() {
        Some(f) => f(vm, obj, key, Some(value)),
        None => Err(vm.type_error(format!(
            "'{}' object does not support item assignment",
            obj.ob_type().name()
        ))),
    }
}

/// `del obj[key]`.
pub fn delitem(vm: &Vm, obj: &PyObject, key: &PyObject) -> PyResult<()> {
    match obj.ob_type().tp_as_mapping.mp_ass_subscript.get() {
        Some(f) => f(vm, obj, key, None),
        None => Err(vm.type_error(format!(
            "'{}' object doesn't support item deletion",
            obj.ob_type().name()
        ))),
    }
}

/// `key in obj`.
pub fn contains(vm: &Vm, obj: &PyObject, key: &PyObject) -> PyResult<bool> {
    match obj.ob_type().tp_as_sequence.sq_contains.get() {
        Some(f) => f(vm, obj, key),
        None => contains_by_iteration(vm, obj, key),
    }
}

/// `in` by iterating (`_PySequence_IterSearch`).
pub fn contains_by_iteration(vm: &Vm, obj: &PyObject, key: &PyObject) -> PyResult<bool> {
    let it = getiter(vm, obj).map_err(|e| {
        if e.matches(&exceptions::TYPE_ERROR) {
            vm.type_error(format!("argument of type '{}' is not iterable", obj.ob_type().name()))
        } else {
            e
        }
    })?;
    while let Some(x) = next(vm, &it)? {
        if eq_identity_first(vm, &x, key)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `isinstance(obj, cls)` for a type `cls`, honouring `__class__` (no `__instancecheck__`).
pub fn recursive_isinstance(vm: &Vm, obj: &PyObject, cls: &PyObject) -> PyResult<bool> {
    if let Some(t) = type_::downcast_type(cls) {
        if obj.ob_type().is_subtype(t) {
            return Ok(true);
        }
        if let Some(c) = getattr_opt(vm, obj, &vm.intern("__class__"))? {
            if !c.is(obj.ob_type().as_object()) {
                if let Some(ct) = type_::downcast_type(&c) {
                    return Ok(ct.is_subtype(t));
                }
            }
        }
        return Ok(false);
    }
    Err(vm.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"))
}

/// `issubclass(derived, cls)` for types (no `__subclasscheck__`).
pub fn recursive_issubclass(vm: &Vm, derived: &PyObject, cls: &PyObject) -> PyResult<bool> {
    match (type_::downcast_type(derived), type_::downcast_type(cls)) {
        (Some(d), Some(c)) => Ok(d.is_subtype(c)),
        (None, _) => Err(vm.type_error("issubclass() arg 1 must be a class")),
        (_, None) => Err(vm.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union")),
    }
}

/// `isinstance(obj, cls)` with tuples and `__instancecheck__`.
pub fn isinstance(vm: &Vm, obj: &PyObject, cls: &PyObject) -> PyResult<bool> {
    if std::ptr::eq(obj.ob_type().as_object(), cls) {
        return Ok(true);
    }
    if let Some(t) = type_::downcast_type(cls) {
        if std::ptr::eq(cls.ob_type(), &*type_::TYPE_TYPE) {
            return recursive_isinstance(vm, obj, cls);
        }
        let _ = t;
    }
    if let Some(args) = crate::types::union::union_args(cls) {
        return isinstance(vm, obj, &args);
    }
    if let Some(items) = tuple::downcast_tuple(cls) {
        for c in items {
            if isinstance(vm, obj, c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(check) = lookup_special(vm, cls, "__instancecheck__")? {
        vm.enter_recursive_call(" in __instancecheck__")?;
        let r = call(vm, &check, &[obj.to_ref()], &[]);
        vm.leave_recursive_call();
        let r = r?;
        return is_true(vm, &r);
    }
    recursive_isinstance(vm, obj, cls)
}

/// `issubclass(derived, cls)` with tuples and `__subclasscheck__`.
pub fn issubclass(vm: &Vm, derived: &PyObject, cls: &PyObject) -> PyResult<bool> {
    if let Some(t) = type_::downcast_type(cls) {
        if std::ptr::eq(cls.ob_type(), &*type_::TYPE_TYPE) {
            if let Some(d) = type_::downcast_type(derived) {
                return Ok(d.is_subtype(t));
            }
            return recursive_issubclass(vm, derived, cls);
        }
    }
    if let Some(args) = crate::types::union::union_args(cls) {
        return issubclass(vm, derived, &args);
    }
    if let Some(items) = tuple::downcast_tuple(cls) {
        for c in items {
            if issubclass(vm, derived, c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(check) = lookup_special(vm, cls, "__subclasscheck__")? {
        let r = call(vm, &check, &[derived.to_ref()], &[])?;
        return is_true(vm, &r);
    }
    recursive_issubclass(vm, derived, cls)
}
