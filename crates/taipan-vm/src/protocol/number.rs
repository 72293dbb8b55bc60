//! The number protocol: `BINARY_OP`'s dispatch (`binary_op1`: the right operand's slot
//! first when its type is a subclass), the sequence fallbacks of `+` and `*`, in-place
//! variants, `**`, unary operators and `__index__`.

use dashu_int::IBig;

use crate::error::PyResult;
use crate::object::typeobj::{BinaryFunc, NumberSlots};
use crate::object::{PyObject, PyRef};
use crate::types::{int, none};
use crate::vm::Vm;

/// `BINARY_OP` opargs (`NB_*` of `opcode.h`).
pub mod nb {
    pub const ADD: u32 = 0;
    pub const AND: u32 = 1;
    pub const FLOOR_DIVIDE: u32 = 2;
    pub const LSHIFT: u32 = 3;
    pub const MATRIX_MULTIPLY: u32 = 4;
    pub const MULTIPLY: u32 = 5;
    pub const REMAINDER: u32 = 6;
    pub const OR: u32 = 7;
    pub const POWER: u32 = 8;
    pub const RSHIFT: u32 = 9;
    pub const SUBTRACT: u32 = 10;
    pub const TRUE_DIVIDE: u32 = 11;
    pub const XOR: u32 = 12;
    /// `INPLACE_X = X + INPLACE`.
    pub const INPLACE: u32 = 13;
}

const SYMBOLS: [&str; 13] = ["+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^"];

fn slot_of(n: &NumberSlots, op: u32) -> Option<BinaryFunc> {
    match op {
        nb::ADD => n.nb_add.get(),
        nb::AND => n.nb_and.get(),
        nb::FLOOR_DIVIDE => n.nb_floor_divide.get(),
        nb::LSHIFT => n.nb_lshift.get(),
        nb::MATRIX_MULTIPLY => n.nb_matrix_multiply.get(),
        nb::MULTIPLY => n.nb_multiply.get(),
        nb::REMAINDER => n.nb_remainder.get(),
        nb::OR => n.nb_or.get(),
        nb::RSHIFT => n.nb_rshift.get(),
        nb::SUBTRACT => n.nb_subtract.get(),
        nb::TRUE_DIVIDE => n.nb_true_divide.get(),
        nb::XOR => n.nb_xor.get(),
        _ => None,
    }
}

fn inplace_slot_of(n: &NumberSlots, op: u32) -> Option<BinaryFunc> {
    match op {
        nb::ADD => n.nb_inplace_add.get(),
        nb::AND => n.nb_inplace_and.get(),
        nb::FLOOR_DIVIDE => n.nb_inplace_floor_divide.get(),
        nb::LSHIFT => n.nb_inplace_lshift.get(),
        nb::MATRIX_MULTIPLY => n.nb_inplace_matrix_multiply.get(),
        nb::MULTIPLY => n.nb_inplace_multiply.get(),
        nb::REMAINDER => n.nb_inplace_remainder.get(),
        nb::OR => n.nb_inplace_or.get(),
        nb::RSHIFT => n.nb_inplace_rshift.get(),
        nb::SUBTRACT => n.nb_inplace_subtract.get(),
        nb::TRUE_DIVIDE => n.nb_inplace_true_divide.get(),
        nb::XOR => n.nb_inplace_xor.get(),
        _ => None,
    }
}

/// `binary_op1`: NotImplemented when neither operand handles `op`.
fn binary_op1(vm: &Vm, a: &PyObject, b: &PyObject, op: u32) -> PyResult<PyRef> {
    let (ta, tb) = (a.ob_type(), b.ob_type());
    let slotv = slot_of(&ta.tp_as_number, op);
    let mut slotw = if std::ptr::eq(ta, tb) { None } else { slot_of(&tb.tp_as_number, op) };
    if slotw.map(|f| f as usize) == slotv.map(|f| f as usize) {
        slotw = None;
    }
    if let Some(v) = slotv {
        if let Some(w) = slotw {
            if tb.is_subtype(ta) {
                let x = w(vm, a, b)?;
                if !x.is(none::not_implemented_ref()) {
                    return Ok(x);
                }
                slotw = None;
            }
        }
        let x = v(vm, a, b)?;
        if !x.is(none::not_implemented_ref()) {
            return Ok(x);
        }
    }
    if let Some(w) = slotw {
        return w(vm, a, b);
    }
    Ok(none::not_implemented())
}

#[cold]
fn unsupported(vm: &Vm, a: &PyObject, b: &PyObject, sym: &str) -> crate::error::PyErr {
    // CPython names the operands by tp_name: the dotted name of a built-in type.
    let (na, nb_) = (a.ob_type().tp_name.borrow().to_string(), b.ob_type().tp_name.borrow().to_string());
    if sym == ">>" && (na == "builtin_function_or_method") {
        return vm.type_error(format!(
            "unsupported operand type(s) for >>: '{na}' and '{nb_}'. Did you mean \"print(<message>, file=<output_stream>)\"?"
        ));
    }
    vm.type_error(format!("unsupported operand type(s) for {sym}: '{na}' and '{nb_}'"))
}

fn sequence_repeat(vm: &Vm, seq: &PyObject, n: &PyObject) -> PyResult<Option<PyRef>> {
    let Some(f) = seq.ob_type().tp_as_sequence.sq_repeat.get() else { return Ok(None) };
    if n.ob_type().tp_as_number.nb_index.get().is_none() {
        return Err(vm.type_error(format!("can't multiply sequence by non-int of type '{}'", n.ob_type().name())));
    }
    let count = index_as_isize_overflow(vm, n)?;
    f(vm, seq, count).map(Some)
}

/// `a <op> b` for a `BINARY_OP` oparg (in-place forms included).
pub fn binary_op(vm: &Vm, a: &PyObject, b: &PyObject, oparg: u32) -> PyResult<PyRef> {
    let inplace = oparg >= nb::INPLACE;
    let op = if inplace { oparg - nb::INPLACE } else { oparg };
    if op == nb::POWER {
        return if inplace { inplace_power(vm, a, b) } else { power(vm, a, b, none::none_ref()) };
    }
    if inplace {
        if let Some(f) = inplace_slot_of(&a.ob_type().tp_as_number, op) {
            let x = f(vm, a, b)?;
            if !x.is(none::not_implemented_ref()) {
                return Ok(x);
            }
        }
    }
    let x = binary_op1(vm, a, b, op)?;
    if !x.is(none::not_implemented_ref()) {
        return Ok(x);
    }
    let sq = &a.ob_type().tp_as_sequence;
    if op == nb::ADD {
        if inplace {
            if let Some(f) = sq.sq_inplace_concat.get() {
                return f(vm, a, b);
            }
        }
        if let Some(f) = sq.sq_concat.get() {
            return f(vm, a, b);
        }
    }
    if op == nb::MULTIPLY {
        if inplace && sq.sq_inplace_repeat.get().is_some() && b.ob_type().tp_as_number.nb_index.get().is_some() {
            let count = index_as_isize_overflow(vm, b)?;
            return (sq.sq_inplace_repeat.get().unwrap())(vm, a, count);
        }
        if let Some(r) = sequence_repeat(vm, a, b)? {
            return Ok(r);
        }
        if let Some(r) = sequence_repeat(vm, b, a)? {
            return Ok(r);
        }
    }
    let sym = SYMBOLS[op as usize];
    Err(unsupported(vm, a, b, &if inplace { format!("{sym}=") } else { sym.to_string() }))
}

/// `pow(a, b, m)` (`m` None for two arguments).
pub fn power(vm: &Vm, a: &PyObject, b: &PyObject, m: &PyObject) -> PyResult<PyRef> {
    let (ta, tb) = (a.ob_type(), b.ob_type());
    let slotv = ta.tp_as_number.nb_power.get();
    let mut slotw = if std::ptr::eq(ta, tb) { None } else { tb.tp_as_number.nb_power.get() };
    if slotw.map(|f| f as usize) == slotv.map(|f| f as usize) {
        slotw = None;
    }
    if let Some(v) = slotv {
        if let Some(w) = slotw {
            if tb.is_subtype(ta) {
                let x = w(vm, a, b, m)?;
                if !x.is(none::not_implemented_ref()) {
                    return Ok(x);
                }
                slotw = None;
            }
        }
        let x = v(vm, a, b, m)?;
        if !x.is(none::not_implemented_ref()) {
            return Ok(x);
        }
    }
    if let Some(w) = slotw {
        let x = w(vm, a, b, m)?;
        if !x.is(none::not_implemented_ref()) {
            return Ok(x);
        }
    }
    if m.is(none::none_ref()) {
        Err(unsupported(vm, a, b, "** or pow()"))
    } else {
        Err(vm.type_error(format!(
            "unsupported operand type(s) for ** or pow(): '{}', '{}', '{}'",
            ta.name(),
            tb.name(),
            m.ob_type().name()
        )))
    }
}

fn inplace_power(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    if let Some(f) = a.ob_type().tp_as_number.nb_inplace_power.get() {
        let x = f(vm, a, b, none::none_ref())?;
        if !x.is(none::not_implemented_ref()) {
            return Ok(x);
        }
    }
    power(vm, a, b, none::none_ref()).map_err(|e| {
        if e.matches(&crate::types::exceptions::TYPE_ERROR) {
            unsupported(vm, a, b, "**=")
        } else {
            e
        }
    })
}

/// `-a`.
pub fn negative(vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
    match a.ob_type().tp_as_number.nb_negative.get() {
        Some(f) => f(vm, a),
        None => Err(vm.type_error(format!("bad operand type for unary -: '{}'", a.ob_type().name()))),
    }
}

/// `+a`.
pub fn positive(vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
    match a.ob_type().tp_as_number.nb_positive.get() {
        Some(f) => f(vm, a),
        None => Err(vm.type_error(format!("bad operand type for unary +: '{}'", a.ob_type().name()))),
    }
}

/// `~a`.
pub fn invert(vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
    match a.ob_type().tp_as_number.nb_invert.get() {
        Some(f) => f(vm, a),
        None => Err(vm.type_error(format!("bad operand type for unary ~: '{}'", a.ob_type().name()))),
    }
}

/// `abs(a)`.
pub fn absolute(vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
    match a.ob_type().tp_as_number.nb_absolute.get() {
        Some(f) => f(vm, a),
        None => Err(vm.type_error(format!("bad operand type for abs(): '{}'", a.ob_type().name()))),
    }
}

/// `operator.index(obj)`: an exact int.
pub fn index(vm: &Vm, obj: &PyObject) -> PyResult<PyRef> {
    if std::ptr::eq(obj.ob_type(), &*int::INT_TYPE) {
        return Ok(obj.to_ref());
    }
    match obj.ob_type().tp_as_number.nb_index.get() {
        Some(f) => {
            let r = f(vm, obj)?;
            if int::downcast_int(&r).is_none() {
                return Err(vm.type_error(format!("__index__ returned non-int (type {})", r.ob_type().name())));
            }
            Ok(r)
        }
        None => Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            obj.ob_type().name()
        ))),
    }
}

/// `PyNumber_AsSsize_t(obj, PyExc_OverflowError)`: `__index__` as an `isize`,
/// OverflowError when it does not fit (sequence repetition).
pub fn index_as_isize_overflow(vm: &Vm, obj: &PyObject) -> PyResult<isize> {
    let r = index(vm, obj)?;
    let i = int::downcast_int(&r).unwrap();
    i.as_i64().map(|n| n as isize).ok_or_else(|| {
        vm.new_error(
            &crate::types::exceptions::OVERFLOW_ERROR,
            format!("cannot fit '{}' into an index-sized integer", obj.ob_type().name()),
        )
    })
}

/// `__index__` as an `isize`, IndexError when it does not fit.
pub fn index_as_isize(vm: &Vm, obj: &PyObject) -> PyResult<isize> {
    let r = index(vm, obj)?;
    let i = int::downcast_int(&r).unwrap();
    match i.as_i64() {
        Some(n) => Ok(n as isize),
        None => Err(vm.index_error(format!(
            "cannot fit '{}' into an index-sized integer",
            obj.ob_type().name()
        ))),
    }
}

/// `__index__` as an `isize` for subscripts: TypeError "`msg` X" when `obj` has no
/// `__index__`.
pub fn index_as_isize_for(vm: &Vm, obj: &PyObject, msg: &str) -> PyResult<isize> {
    if let Some(i) = int::downcast_int(obj) {
        if let Some(n) = i.as_i64() {
            return Ok(n as isize);
        }
    }
    if obj.ob_type().tp_as_number.nb_index.get().is_none() {
        if msg.ends_with("not") {
            return Err(vm.type_error(format!("{msg} {}", obj.ob_type().name())));
        }
        return Err(vm.type_error(msg.to_string()));
    }
    index_as_isize(vm, obj)
}

/// `int(x)` for one argument: `__int__`, `__index__`, `__trunc__`, str/bytes parsing.
pub fn number_int(vm: &Vm, x: &PyObject) -> PyResult<IBig> {
    if let Some(i) = int::downcast_int(x) {
        return Ok(i.to_ibig());
    }
    if let Some(s) = crate::types::str::downcast_str(x) {
        let text = s.to_string_lossy();
        return crate::format::int_from_str(&text, 10, || s.repr()).map_err(|e| int::format_error(vm, e));
    }
    if x.downcast::<crate::types::bytes::PyBytes>().is_some() || crate::types::bytes::is_bytearray(x) {
        let b = crate::types::bytes::data_of(x);
        let text: String = b.iter().map(|&c| c as char).collect();
        let shown = if crate::types::bytes::is_bytearray(x) {
            format!("bytearray({})", crate::types::bytes::bytes_repr_text(&b))
        } else {
            crate::types::bytes::bytes_repr_text(&b)
        };
        return crate::format::int_from_str(&text, 10, || shown.clone()).map_err(|e| int::format_error(vm, e));
    }
    if let Some(f) = x.ob_type().tp_as_number.nb_int.get() {
        let r = f(vm, x)?;
        return match int::downcast_int(&r) {
            Some(i) => Ok(i.to_ibig()),
            None => Err(vm.type_error(format!("__int__ returned non-int (type {})", r.ob_type().name()))),
        };
    }
    if x.ob_type().tp_as_number.nb_index.get().is_some() {
        let r = index(vm, x)?;
        return Ok(int::downcast_int(&r).unwrap().to_ibig());
    }
    if let Some(f) = x.downcast::<crate::types::float::PyFloat>() {
        let v = f.value;
        if v.is_nan() {
            return Err(vm.value_error("cannot convert float NaN to integer"));
        }
        if v.is_infinite() {
            return Err(vm.overflow_error("cannot convert float infinity to integer"));
        }
        return crate::format::float_round_to_int(v.trunc()).map_err(|e| int::format_error(vm, e));
    }
    if let Some(trunc) = crate::protocol::lookup_special(vm, x, "__trunc__")? {
        crate::warnings::warn(vm, &crate::types::exceptions::DEPRECATION_WARNING, "The delegation of int() to __trunc__ is deprecated.")?;
        let r = crate::protocol::call(vm, &trunc, &[], &[])?;
        if let Some(i) = int::downcast_int(&r) {
            return Ok(i.to_ibig());
        }
        if r.ob_type().tp_as_number.nb_index.get().is_none() {
            return Err(vm.type_error(format!("__trunc__ returned non-Integral (type {})", r.ob_type().name())));
        }
        let r = index(vm, &r)?;
        return Ok(int::downcast_int(&r).unwrap().to_ibig());
    }
    Err(vm.type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        x.ob_type().name()
    )))
}
