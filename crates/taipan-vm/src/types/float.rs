//! `float`: an `f64` payload. Arithmetic follows CPython's `floatobject.c` (floor
//! division and modulo signs, `**` edge cases and errors), comparisons with ints are
//! exact (a big int is never rounded to compare it), `repr` is the shortest round-trip
//! form and `__format__` the format mini-language (both in `crate::format`).

use std::cell::Cell;

use dashu_int::IBig;

use crate::error::PyResult;
use crate::object::freelist;
use crate::object::inner::dealloc;
use crate::object::typeobj::{flags, CompareOp, NumberSlots};
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::descr::GetSetDef;
use crate::types::function::{check_arity, MethodDef};
use crate::types::int::{downcast_int, format_error, new_bigint, new_int};
use crate::types::{none, str as pystr, tuple, type_};
use crate::vm::Vm;

pub struct PyFloat {
    pub value: f64,
}

impl PyPayload for PyFloat {
    fn static_type() -> &'static PyTypeObject {
        &FLOAT_TYPE
    }
}

pub static FLOAT_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("float"),
        tp_flags: Cell::new(flags::BASETYPE | flags::IMMUTABLETYPE),
        tp_doc: Some("Convert a string or number to a floating-point number, if possible."),
        tp_dealloc: Cell::new(float_dealloc),
        tp_repr: Cell::new(Some(float_repr)),
        tp_hash: Cell::new(Some(float_hash)),
        tp_richcompare: Cell::new(Some(float_richcompare)),
        tp_new: Cell::new(Some(float_new)),
        tp_as_number: NumberSlots {
            nb_add: Cell::new(Some(float_add)),
            nb_subtract: Cell::new(Some(float_sub)),
            nb_multiply: Cell::new(Some(float_mul)),
            nb_remainder: Cell::new(Some(float_mod)),
            nb_divmod: Cell::new(Some(float_divmod)),
            nb_power: Cell::new(Some(float_pow)),
            nb_negative: Cell::new(Some(float_neg)),
            nb_positive: Cell::new(Some(float_pos)),
            nb_absolute: Cell::new(Some(float_abs)),
            nb_bool: Cell::new(Some(float_bool)),
            nb_int: Cell::new(Some(float_int)),
            nb_float: Cell::new(Some(float_pos)),
            nb_floor_divide: Cell::new(Some(float_floordiv)),
            nb_true_divide: Cell::new(Some(float_truediv)),
            ..NumberSlots::EMPTY
        },
        tp_methods: FLOAT_METHODS,
        tp_getset: FLOAT_GETSET,
        ..PyTypeData::BASE
    },
));

static FLOAT_METHODS: &[MethodDef] = &[
    MethodDef::method("conjugate", float_conjugate),
    MethodDef::method("is_integer", float_is_integer),
    MethodDef::method("hex", float_hex_m),
    MethodDef::classmethod("fromhex", float_fromhex_m),
    MethodDef::method("as_integer_ratio", float_as_integer_ratio),
    MethodDef::method("__trunc__", float_trunc),
    MethodDef::method("__floor__", float_floor),
    MethodDef::method("__ceil__", float_ceil),
    MethodDef::method("__round__", float_round_m),
    MethodDef::method("__format__", float_format),
    MethodDef::method("__getnewargs__", float_getnewargs),
    MethodDef::classmethod("__getformat__", float_getformat),
];

static FLOAT_GETSET: &[GetSetDef] = &[GetSetDef::new("real", float_real, None), GetSetDef::new("imag", float_imag, None)];

thread_local! {
    static FREE_FLOATS: std::cell::UnsafeCell<freelist::FreeList> = const { std::cell::UnsafeCell::new(freelist::FreeList::new()) };
}

#[inline]
pub fn new_float(v: f64) -> PyRef {
    // SAFETY: the list holds only blocks of exact floats (float_dealloc).
    unsafe {
        if let Some(block) = freelist::pop::<PyFloat>(&FREE_FLOATS) {
            return crate::object::inner::init_block(block, &FLOAT_TYPE, PyFloat { value: v });
        }
    }
    alloc_object(&FLOAT_TYPE, PyFloat { value: v })
}

/// Give a float nothing else refers to a new value (the interpreter reuses a dying
/// operand for the result of float arithmetic).
///
/// # Safety
/// `obj` is an exact float whose only reference is the caller's.
#[inline(always)]
pub unsafe fn set_unique(obj: &PyObject, v: f64) {
    // SAFETY: the caller's contract: no one else can observe the value.
    unsafe { (*(obj as *const PyObject as *mut PyInner<PyFloat>)).payload.value = v };
}

/// `tp_dealloc` of float: an exact float's block goes to the free list.
///
/// # Safety
/// As every `tp_dealloc`: `obj` is a float (or subclass instance) with count zero.
unsafe fn float_dealloc(obj: *mut PyObject) {
    unsafe {
        if std::ptr::eq((*obj).ob_type(), &*FLOAT_TYPE) && !cfg!(feature = "refcheck") {
            freelist::push::<PyFloat>(&FREE_FLOATS, obj as *mut PyInner<PyFloat>);
        } else {
            dealloc::<PyFloat>(obj);
        }
    }
}

fn value(o: &PyObject) -> f64 {
    o.downcast::<PyFloat>().unwrap().value
}

/// The value of a float, or of an int converted as CPython's float ops do (OverflowError
/// "int too large to convert to float" for huge ints). `None` for other types.
pub fn as_f64(vm: &Vm, o: &PyObject) -> PyResult<Option<f64>> {
    if let Some(f) = o.downcast::<PyFloat>() {
        return Ok(Some(f.value));
    }
    if let Some(i) = downcast_int(o) {
        return match i.as_i64() {
            Some(n) if n.unsigned_abs() < 1 << 53 => Ok(Some(n as f64)),
            _ => crate::format::int_to_f64(&i.to_ibig()).map(Some).map_err(|e| format_error(vm, e)),
        };
    }
    Ok(None)
}

macro_rules! operands {
    ($vm:ident, $a:ident, $b:ident) => {
        match (as_f64($vm, $a)?, as_f64($vm, $b)?) {
            (Some(x), Some(y)) => (x, y),
            _ => return Ok(none::not_implemented()),
        }
    };
}

fn float_repr(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(pystr::new_str(&crate::format::float_repr(value(o))))
}

fn float_hash(_vm: &Vm, o: &PyObject) -> PyResult<i64> {
    Ok(crate::hash::hash_float(value(o), o.addr()))
}

/// Exact comparison of a float with an int (`float_richcompare`'s int branch).
fn compare_float_int(x: f64, i: &IBig) -> Option<std::cmp::Ordering> {
    if x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        return Some(if x > 0.0 { std::cmp::Ordering::Greater } else { std::cmp::Ordering::Less });
    }
    // Compare integer parts exactly, then the fraction breaks ties.
    let t = x.trunc();
    let ti = crate::format::float_round_to_int(t).ok()?;
    match ti.cmp(i) {
        std::cmp::Ordering::Equal => {
            let frac = x - t;
            Some(if frac > 0.0 {
                std::cmp::Ordering::Greater
            } else if frac < 0.0 {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Equal
            })
        }
        o => Some(o),
    }
}

fn float_richcompare(_vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    let x = value(a);
    let ord = if let Some(f) = b.downcast::<PyFloat>() {
        x.partial_cmp(&f.value)
    } else if let Some(i) = downcast_int(b) {
        match i.as_i64() {
            Some(n) if n.unsigned_abs() < 1 << 53 => x.partial_cmp(&(n as f64)),
            _ => compare_float_int(x, &i.to_ibig()),
        }
    } else {
        return Ok(none::not_implemented());
    };
    use std::cmp::Ordering::*;
    let r = match (op, ord) {
        (CompareOp::Ne, None) => true,
        (_, None) => false,
        (CompareOp::Lt, Some(o)) => o == Less,
        (CompareOp::Le, Some(o)) => o != Greater,
        (CompareOp::Eq, Some(o)) => o == Equal,
        (CompareOp::Ne, Some(o)) => o != Equal,
        (CompareOp::Gt, Some(o)) => o == Greater,
        (CompareOp::Ge, Some(o)) => o != Less,
    };
    Ok(none::bool_(r))
}

fn float_add(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = operands!(vm, a, b);
    Ok(new_float(x + y))
}
fn float_sub(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = operands!(vm, a, b);
    Ok(new_float(x - y))
}
fn float_mul(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = operands!(vm, a, b);
    Ok(new_float(x * y))
}
fn float_truediv(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = operands!(vm, a, b);
    if y == 0.0 {
        return Err(vm.zero_division_error("float division by zero"));
    }
    Ok(new_float(x / y))
}

/// `_float_div_mod`: floor quotient and modulo with the divisor's sign.
fn div_mod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (floordiv, m)
}

fn float_floordiv(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = operands!(vm, a, b);
    if y == 0.0 {
        return Err(vm.zero_division_error("float floor division by zero"));
    }
    Ok(new_float(div_mod(x, y).0))
}

fn float_mod(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = operands!(vm, a, b);
    if y == 0.0 {
        return Err(vm.zero_division_error("float modulo by zero"));
    }
    Ok(new_float(div_mod(x, y).1))
}

fn float_divmod(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = operands!(vm, a, b);
    if y == 0.0 {
        return Err(vm.zero_division_error("float divmod()"));
    }
    let (d, m) = div_mod(x, y);
    Ok(tuple::new_tuple(vec![new_float(d), new_float(m)]))
}

/// `float_pow` with CPython's special cases.
fn float_pow(vm: &Vm, a: &PyObject, b: &PyObject, m: &PyObject) -> PyResult<PyRef> {
    if !m.is(none::none_ref()) {
        return Err(vm.type_error("pow() 3rd argument not allowed unless all arguments are integers"));
    }
    let (iv, iw) = operands!(vm, a, b);
    if iw == 0.0 {
        return Ok(new_float(1.0));
    }
    if iv.is_nan() {
        return Ok(new_float(if iw == 0.0 { 1.0 } else { iv }));
    }
    if iw.is_nan() {
        return Ok(new_float(if iv == 1.0 { 1.0 } else { iw }));
    }
    if iw.is_infinite() {
        let av = iv.abs();
        return Ok(new_float(if av == 1.0 {
            1.0
        } else if (iw > 0.0) == (av > 1.0) {
            f64::INFINITY
        } else {
            0.0
        }));
    }
    if iv.is_infinite() {
        let odd = iw.rem_euclid(2.0) == 1.0;
        return Ok(new_float(if iw > 0.0 {
            if odd { iv } else { iv.abs() }
        } else if odd {
            0.0f64.copysign(iv)
        } else {
            0.0
        }));
    }
    if iv == 0.0 {
        let odd = iw.rem_euclid(2.0) == 1.0;
        if iw < 0.0 {
            return Err(vm.zero_division_error("0.0 cannot be raised to a negative power"));
        }
        return Ok(new_float(if odd { iv } else { 0.0 }));
    }
    let mut negate = false;
    let mut iv = iv;
    if iv < 0.0 {
        if iw != iw.floor() {
            // A negative number to a fractional power: the result is complex.
            return crate::types::complex::complex_pow_values(vm, iv, 0.0, iw, 0.0);
        }
        iv = -iv;
        negate = iw.rem_euclid(2.0) == 1.0;
    }
    if iv == 1.0 {
        return Ok(new_float(if negate { -1.0 } else { 1.0 }));
    }
    let r = iv.powf(iw);
    if r.is_infinite() {
        return Err(vm.new_error(&crate::types::exceptions::OVERFLOW_ERROR, "(34, 'Numerical result out of range')"));
    }
    Ok(new_float(if negate { -r } else { r }))
}

fn float_neg(_vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
    Ok(new_float(-value(a)))
}
fn float_pos(_vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
    if std::ptr::eq(a.ob_type(), &*FLOAT_TYPE) {
        return Ok(a.to_ref());
    }
    Ok(new_float(value(a)))
}
fn float_abs(_vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
    Ok(new_float(value(a).abs()))
}
fn float_bool(_vm: &Vm, a: &PyObject) -> PyResult<bool> {
    Ok(value(a) != 0.0)
}

/// `int(x)` for a float: truncation; errors for NaN and infinities.
pub fn float_to_int(vm: &Vm, v: f64) -> PyResult<PyRef> {
    if v.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if v.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    let t = v.trunc();
    if t.abs() < 9.0e18 {
        return Ok(new_int(t as i64));
    }
    Ok(new_bigint(crate::format::float_round_to_int(t).map_err(|e| format_error(vm, e))?))
}

fn float_int(vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
    float_to_int(vm, value(a))
}

fn float_new(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let tp = type_::as_type(vm, cls)?;
    crate::types::function::no_kwargs(vm, "float", kwnames)?;
    let v = match args {
        [] => 0.0,
        [x] => float_of(vm, x)?,
        _ => return Err(vm.type_error(format!("float expected at most 1 argument, got {}", args.len()))),
    };
    if std::ptr::eq(tp, &*FLOAT_TYPE) {
        return Ok(new_float(v));
    }
    Ok(alloc_object(tp, PyFloat { value: v }))
}

/// `float(x)` for one argument (`PyNumber_Float`).
pub fn float_of(vm: &Vm, x: &PyObject) -> PyResult<f64> {
    if let Some(f) = x.downcast_exact::<PyFloat>() {
        return Ok(f.value);
    }
    if let Some(s) = pystr::downcast_str(x) {
        let text = s.to_string_lossy();
        return crate::format::float_from_str(&text, || s.repr()).map_err(|e| format_error(vm, e));
    }
    if let Some(f) = x.ob_type().tp_as_number.nb_float.get() {
        let r = f(vm, x)?;
        if let Some(v) = r.downcast::<PyFloat>() {
            if !std::ptr::eq(r.ob_type(), &*FLOAT_TYPE) {
                // DeprecationWarning in CPython; the value is used.
            }
            return Ok(v.value);
        }
        return Err(vm.type_error(format!(
            "{}.__float__ returned non-float (type {})",
            x.ob_type().name(),
            r.ob_type().name()
        )));
    }
    if x.ob_type().tp_as_number.nb_index.get().is_some() {
        let i = crate::protocol::index(vm, x)?;
        return Ok(as_f64(vm, &i)?.unwrap());
    }
    Err(vm.type_error(format!(
        "float() argument must be a string or a real number, not '{}'",
        x.ob_type().name()
    )))
}

fn float_conjugate(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    float_pos(vm, &args[0])
}

fn float_is_integer(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let x = value(&args[0]);
    Ok(none::bool_(x.is_finite() && x == x.floor()))
}

fn float_hex_m(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(pystr::new_str(&crate::format::float_hex(value(&args[0]))))
}

fn float_fromhex_m(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "fromhex", &args[1..], 1, 1)?;
    let s = pystr::expect_str(vm, &args[1], "fromhex", "argument")?;
    let v = crate::format::float_fromhex(&s.to_string_lossy()).map_err(|e| format_error(vm, e))?;
    let f = new_float(v);
    if args[0].is(FLOAT_TYPE.as_object()) {
        return Ok(f);
    }
    crate::protocol::call(vm, &args[0], &[f], &[])
}

fn float_as_integer_ratio(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let x = value(&args[0]);
    if x.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    if x.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    // x = m * 2**e with m an odd integer (or 0).
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = bits & ((1u64 << 52) - 1);
    let (mut m, mut e) = if exp == 0 { (mant, -1074i64) } else { (mant | (1u64 << 52), exp - 1075) };
    if m == 0 {
        return Ok(tuple::new_tuple(vec![new_int(0), new_int(1)]));
    }
    while m & 1 == 0 {
        m >>= 1;
        e += 1;
    }
    let mut num = IBig::from(m);
    if x < 0.0 {
        num = -num;
    }
    let (num, den) = if e >= 0 { (num << e as usize, IBig::ONE) } else { (num, IBig::ONE << (-e) as usize) };
    Ok(tuple::new_tuple(vec![new_bigint(num), new_bigint(den)]))
}

fn float_trunc(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    float_to_int(vm, value(&args[0]))
}
fn float_floor(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    float_to_int(vm, value(&args[0]).floor())
}
fn float_ceil(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    float_to_int(vm, value(&args[0]).ceil())
}

fn float_round_m(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "__round__", &args[1..], 0, 1)?;
    let x = value(&args[0]);
    match args.get(1).filter(|n| !n.is(none::none_ref())) {
        None => {
            let r = x.round();
            // Round half to even.
            let r = if (x - x.trunc()).abs() == 0.5 { 2.0 * (x / 2.0).round() } else { r };
            float_to_int(vm, r)
        }
        Some(n) => {
            let nd = crate::protocol::index(vm, n)?;
            let nd = downcast_int(&nd).unwrap().as_i64().unwrap_or(if downcast_int(&nd).unwrap().to_ibig() > IBig::ZERO { i64::MAX } else { i64::MIN });
            let r = crate::format::float_round(x, nd).map_err(|e| format_error(vm, e))?;
            Ok(new_float(r))
        }
    }
}

pub(crate) fn float_format(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "__format__", &args[1..], 1, 1)?;
    let spec = pystr::expect_str(vm, &args[1], "__format__", "argument")?.to_string_lossy();
    let s = crate::format::format_float(value(&args[0]), &spec, &args[0].ob_type().name()).map_err(|e| format_error(vm, e))?;
    Ok(pystr::new_str(&s))
}

fn float_getnewargs(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    Ok(tuple::new_tuple(vec![new_float(value(&args[0]))]))
}

fn float_getformat(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "__getformat__", &args[1..], 1, 1)?;
    let s = pystr::expect_str(vm, &args[1], "__getformat__", "argument")?.to_string_lossy();
    match s.as_str() {
        "double" | "float" => Ok(pystr::new_str("IEEE, little-endian")),
        _ => Err(vm.value_error("__getformat__() argument 1 must be 'double' or 'float'")),
    }
}

fn float_real(vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    float_pos(vm, o)
}
fn float_imag(_vm: &Vm, _o: &PyObject) -> PyResult<PyRef> {
    Ok(new_float(0.0))
}
