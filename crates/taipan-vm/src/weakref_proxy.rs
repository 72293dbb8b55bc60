//! The operator slots of `weakref.ProxyType` / `CallableProxyType`: every number,
//! sequence, mapping and iterator operation on a proxy is the same operation on its
//! referent (operands that are proxies are replaced by their referents first), and
//! ReferenceError once the referent is gone.

use std::cell::Cell;

use crate::error::PyResult;
use crate::object::typeobj::{MappingSlots, NumberSlots, SequenceSlots};
use crate::object::{PyObject, PyRef};
use crate::protocol::{self, nb};
use crate::vm::Vm;

fn is_proxy(o: &PyObject) -> bool {
    std::ptr::eq(o.ob_type(), &*crate::weakref::PROXY_TYPE) || std::ptr::eq(o.ob_type(), &*crate::weakref::CALLABLE_PROXY_TYPE)
}

/// The referent of a proxy (ReferenceError when dead); any other object as itself.
fn unwrap(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    if is_proxy(o) {
        crate::weakref::proxy_target(vm, o)
    } else {
        Ok(o.to_ref())
    }
}

macro_rules! binary {
    ($($fname:ident = $op:expr;)*) => {
        $(fn $fname(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
            let (x, y) = (unwrap(vm, a)?, unwrap(vm, b)?);
            protocol::binary_op(vm, &x, &y, $op)
        })*
    };
}

binary! {
    p_add = nb::ADD; p_sub = nb::SUBTRACT; p_mul = nb::MULTIPLY; p_mod = nb::REMAINDER;
    p_lshift = nb::LSHIFT; p_rshift = nb::RSHIFT; p_and = nb::AND; p_xor = nb::XOR; p_or = nb::OR;
    p_floordiv = nb::FLOOR_DIVIDE; p_truediv = nb::TRUE_DIVIDE; p_matmul = nb::MATRIX_MULTIPLY;
    p_iadd = nb::INPLACE + nb::ADD; p_isub = nb::INPLACE + nb::SUBTRACT; p_imul = nb::INPLACE + nb::MULTIPLY;
    p_imod = nb::INPLACE + nb::REMAINDER; p_ilshift = nb::INPLACE + nb::LSHIFT; p_irshift = nb::INPLACE + nb::RSHIFT;
    p_iand = nb::INPLACE + nb::AND; p_ixor = nb::INPLACE + nb::XOR; p_ior = nb::INPLACE + nb::OR;
    p_ifloordiv = nb::INPLACE + nb::FLOOR_DIVIDE; p_itruediv = nb::INPLACE + nb::TRUE_DIVIDE;
    p_imatmul = nb::INPLACE + nb::MATRIX_MULTIPLY; p_ipow = nb::INPLACE + nb::POWER;
}

fn p_divmod(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = (unwrap(vm, a)?, unwrap(vm, b)?);
    let f = vm.builtins_dict.clone();
    let dm = crate::types::dict::get_item_str_key(&f, &vm.intern("divmod")).ok_or_else(|| vm.type_error("divmod"))?;
    protocol::call(vm, &dm, &[x, y], &[])
}

fn p_pow(vm: &Vm, a: &PyObject, b: &PyObject, m: &PyObject) -> PyResult<PyRef> {
    let (x, y, z) = (unwrap(vm, a)?, unwrap(vm, b)?, unwrap(vm, m)?);
    protocol::power(vm, &x, &y, &z)
}

macro_rules! unary {
    ($($fname:ident = $f:path;)*) => {
        $(fn $fname(vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
            let x = unwrap(vm, a)?;
            $f(vm, &x)
        })*
    };
}

unary! {
    p_neg = protocol::negative; p_pos = protocol::positive; p_abs = protocol::absolute;
    p_invert = protocol::invert; p_index = protocol::index;
}

fn p_int(vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
    let x = unwrap(vm, a)?;
    match x.ob_type().tp_as_number.nb_int.get() {
        Some(f) => f(vm, &x),
        None => Err(vm.type_error(format!("int() argument must be a string, a bytes-like object or a real number, not '{}'", x.ob_type().name()))),
    }
}

fn p_float(vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
    let x = unwrap(vm, a)?;
    match x.ob_type().tp_as_number.nb_float.get() {
        Some(f) => f(vm, &x),
        None => Err(vm.type_error(format!("must be real number, not {}", x.ob_type().name()))),
    }
}

fn p_bool(vm: &Vm, a: &PyObject) -> PyResult<bool> {
    let x = unwrap(vm, a)?;
    protocol::is_true(vm, &x)
}

fn p_len(vm: &Vm, a: &PyObject) -> PyResult<usize> {
    let x = unwrap(vm, a)?;
    protocol::len(vm, &x)
}

fn p_contains(vm: &Vm, a: &PyObject, k: &PyObject) -> PyResult<bool> {
    let x = unwrap(vm, a)?;
    protocol::contains(vm, &x, k)
}

fn p_getitem(vm: &Vm, a: &PyObject, k: &PyObject) -> PyResult<PyRef> {
    let x = unwrap(vm, a)?;
    protocol::getitem(vm, &x, k)
}

fn p_setitem(vm: &Vm, a: &PyObject, k: &PyObject, v: Option<&PyObject>) -> PyResult<()> {
    let x = unwrap(vm, a)?;
    match v {
        Some(v) => protocol::setitem(vm, &x, k, v),
        None => protocol::delitem(vm, &x, k),
    }
}

/// `iter(proxy)`: the referent's iterator.
pub fn p_iter(vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
    let x = unwrap(vm, a)?;
    protocol::getiter(vm, &x)
}

/// `next(proxy)`: the referent must itself be an iterator.
pub fn p_iternext(vm: &Vm, a: &PyObject) -> PyResult<Option<PyRef>> {
    let x = unwrap(vm, a)?;
    if x.ob_type().tp_iternext.get().is_none() {
        return Err(vm.type_error(format!("Weakref proxy referenced a non-iterator '{}' object", x.ob_type().name())));
    }
    protocol::next(vm, &x)
}

/// The proxies' number slots.
pub const fn number_slots() -> NumberSlots {
    NumberSlots {
        nb_add: Cell::new(Some(p_add)),
        nb_subtract: Cell::new(Some(p_sub)),
        nb_multiply: Cell::new(Some(p_mul)),
        nb_remainder: Cell::new(Some(p_mod)),
        nb_divmod: Cell::new(Some(p_divmod)),
        nb_power: Cell::new(Some(p_pow)),
        nb_negative: Cell::new(Some(p_neg)),
        nb_positive: Cell::new(Some(p_pos)),
        nb_absolute: Cell::new(Some(p_abs)),
        nb_bool: Cell::new(Some(p_bool)),
        nb_invert: Cell::new(Some(p_invert)),
        nb_lshift: Cell::new(Some(p_lshift)),
        nb_rshift: Cell::new(Some(p_rshift)),
        nb_and: Cell::new(Some(p_and)),
        nb_xor: Cell::new(Some(p_xor)),
        nb_or: Cell::new(Some(p_or)),
        nb_int: Cell::new(Some(p_int)),
        nb_float: Cell::new(Some(p_float)),
        nb_inplace_add: Cell::new(Some(p_iadd)),
        nb_inplace_subtract: Cell::new(Some(p_isub)),
        nb_inplace_multiply: Cell::new(Some(p_imul)),
        nb_inplace_remainder: Cell::new(Some(p_imod)),
        nb_inplace_power: Cell::new(Some(p_ipow_ternary)),
        nb_inplace_lshift: Cell::new(Some(p_ilshift)),
        nb_inplace_rshift: Cell::new(Some(p_irshift)),
        nb_inplace_and: Cell::new(Some(p_iand)),
        nb_inplace_xor: Cell::new(Some(p_ixor)),
        nb_inplace_or: Cell::new(Some(p_ior)),
        nb_floor_divide: Cell::new(Some(p_floordiv)),
        nb_true_divide: Cell::new(Some(p_truediv)),
        nb_inplace_floor_divide: Cell::new(Some(p_ifloordiv)),
        nb_inplace_true_divide: Cell::new(Some(p_itruediv)),
        nb_index: Cell::new(Some(p_index)),
        nb_matrix_multiply: Cell::new(Some(p_matmul)),
        nb_inplace_matrix_multiply: Cell::new(Some(p_imatmul)),
    }
}

fn p_ipow_ternary(vm: &Vm, a: &PyObject, b: &PyObject, _m: &PyObject) -> PyResult<PyRef> {
    p_ipow(vm, a, b)
}

/// The proxies' sequence slots (`len()` and `in`).
pub const fn sequence_slots() -> SequenceSlots {
    SequenceSlots { sq_length: Cell::new(Some(p_len)), sq_contains: Cell::new(Some(p_contains)), ..SequenceSlots::EMPTY }
}

/// The proxies' mapping slots (`[]`, item assignment and deletion).
pub const fn mapping_slots() -> MappingSlots {
    MappingSlots {
        mp_length: Cell::new(Some(p_len)),
        mp_subscript: Cell::new(Some(p_getitem)),
        mp_ass_subscript: Cell::new(Some(p_setitem)),
    }
}

