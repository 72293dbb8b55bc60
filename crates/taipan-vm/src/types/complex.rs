//! `complex`: a pair of `f64`. Arithmetic as CPython's `complexobject.c` (`_Py_c_quot`'s
//! scaled division, `_Py_c_pow` with the integer-exponent fast path), repr and format
//! from `crate::format`.

use std::cell::Cell;

use crate::error::PyResult;
use crate::object::inner::dealloc;
use crate::object::typeobj::{flags, CompareOp, NumberSlots};
use crate::object::{alloc_object, PyInner, PyObject, PyPayload, PyRef, PyTypeData, PyTypeObject, Static};
use crate::types::descr::GetSetDef;
use crate::types::float::{as_f64, new_float, PyFloat};
use crate::types::function::{check_arity, MethodDef};
use crate::types::int::{downcast_int, format_error};
use crate::types::{none, str as pystr, tuple, type_};
use crate::vm::Vm;

pub struct PyComplex {
    pub real: f64,
    pub imag: f64,
}

impl PyPayload for PyComplex {
    fn static_type() -> &'static PyTypeObject {
        &COMPLEX_TYPE
    }
}

pub static COMPLEX_TYPE: Static<PyTypeObject> = Static(PyInner::new_static(
    &type_::TYPE_TYPE.0,
    PyTypeData {
        tp_name: crate::object::typeobj::static_name("complex"),
        tp_flags: Cell::new(flags::BASETYPE | flags::IMMUTABLETYPE),
        tp_dealloc: Cell::new(dealloc::<PyComplex>),
        tp_repr: Cell::new(Some(complex_repr)),
        tp_hash: Cell::new(Some(complex_hash)),
        tp_richcompare: Cell::new(Some(complex_richcompare)),
        tp_new: Cell::new(Some(complex_new_slot)),
        tp_as_number: NumberSlots {
            nb_add: Cell::new(Some(complex_add)),
            nb_subtract: Cell::new(Some(complex_sub)),
            nb_multiply: Cell::new(Some(complex_mul)),
            nb_true_divide: Cell::new(Some(complex_div)),
            nb_power: Cell::new(Some(complex_pow)),
            nb_negative: Cell::new(Some(complex_neg)),
            nb_positive: Cell::new(Some(complex_pos)),
            nb_absolute: Cell::new(Some(complex_abs)),
            nb_bool: Cell::new(Some(complex_bool)),
            ..NumberSlots::EMPTY
        },
        tp_methods: COMPLEX_METHODS,
        tp_getset: COMPLEX_GETSET,
        ..PyTypeData::BASE
    },
));

static COMPLEX_METHODS: &[MethodDef] = &[
    MethodDef::method("conjugate", complex_conjugate),
    MethodDef::method("__format__", complex_format),
    MethodDef::method("__getnewargs__", complex_getnewargs),
    MethodDef::method("__complex__", complex_complex),
];

static COMPLEX_GETSET: &[GetSetDef] = &[GetSetDef::new("real", complex_real, None), GetSetDef::new("imag", complex_imag, None)];

pub fn new_complex(real: f64, imag: f64) -> PyRef {
    alloc_object(&COMPLEX_TYPE, PyComplex { real, imag })
}

fn parts(o: &PyObject) -> (f64, f64) {
    let c = o.downcast::<PyComplex>().unwrap();
    (c.real, c.imag)
}

/// A complex, float or int operand as `(real, imag)`.
fn as_complex(vm: &Vm, o: &PyObject) -> PyResult<Option<(f64, f64)>> {
    if let Some(c) = o.downcast::<PyComplex>() {
        return Ok(Some((c.real, c.imag)));
    }
    Ok(as_f64(vm, o)?.map(|x| (x, 0.0)))
}

macro_rules! operands {
    ($vm:ident, $a:ident, $b:ident) => {
        match (as_complex($vm, $a)?, as_complex($vm, $b)?) {
            (Some(x), Some(y)) => (x, y),
            _ => return Ok(none::not_implemented()),
        }
    };
}

fn complex_repr(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    let (r, i) = parts(o);
    Ok(pystr::new_str(&crate::format::complex_repr(r, i)))
}

fn complex_hash(_vm: &Vm, o: &PyObject) -> PyResult<i64> {
    let (r, i) = parts(o);
    Ok(crate::hash::hash_complex(r, i, o.addr()))
}

fn complex_richcompare(vm: &Vm, a: &PyObject, b: &PyObject, op: CompareOp) -> PyResult<PyRef> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(none::not_implemented());
    }
    let (ar, ai) = parts(a);
    let eq = if downcast_int(b).is_some() {
        if ai != 0.0 {
            false
        } else {
            // Exact comparison through float's int rules.
            let f = new_float(ar);
            let r = crate::protocol::richcompare(vm, &f, b, CompareOp::Eq)?;
            crate::protocol::is_true(vm, &r)?
        }
    } else if let Some(f) = b.downcast::<PyFloat>() {
        ar == f.value && ai == 0.0
    } else if let Some(c) = b.downcast::<PyComplex>() {
        ar == c.real && ai == c.imag
    } else {
        return Ok(none::not_implemented());
    };
    Ok(none::bool_(if op == CompareOp::Eq { eq } else { !eq }))
}

fn complex_add(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let ((a, b), (c, d)) = operands!(vm, a, b);
    Ok(new_complex(a + c, b + d))
}
fn complex_sub(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let ((a, b), (c, d)) = operands!(vm, a, b);
    Ok(new_complex(a - c, b - d))
}
fn complex_mul(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let ((a, b), (c, d)) = operands!(vm, a, b);
    Ok(new_complex(a * c - b * d, a * d + b * c))
}

/// `_Py_c_quot`.
fn quot(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    let (ar, ai) = a;
    let (br, bi) = b;
    let abs_br = br.abs();
    let abs_bi = bi.abs();
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = bi / br;
        let denom = br + bi * ratio;
        Some(((ar + ai * ratio) / denom, (ai - ar * ratio) / denom))
    } else if abs_bi >= abs_br {
        let ratio = br / bi;
        let denom = br * ratio + bi;
        Some(((ar * ratio + ai) / denom, (ai * ratio - ar) / denom))
    } else {
        Some((f64::NAN, f64::NAN))
    }
}

fn complex_div(vm: &Vm, a: &PyObject, b: &PyObject) -> PyResult<PyRef> {
    let (x, y) = operands!(vm, a, b);
    match quot(x, y) {
        Some((r, i)) => Ok(new_complex(r, i)),
        None => Err(vm.zero_division_error("complex division by zero")),
    }
}

fn c_pow(vm: &Vm, a: (f64, f64), b: (f64, f64)) -> PyResult<(f64, f64)> {
    if b.0 == 0.0 && b.1 == 0.0 {
        return Ok((1.0, 0.0));
    }
    if a.0 == 0.0 && a.1 == 0.0 {
        if b.1 != 0.0 || b.0 < 0.0 {
            return Err(vm.zero_division_error("0.0 to a negative or complex power"));
        }
        return Ok((0.0, 0.0));
    }
    // Integer exponents use repeated multiplication (c_powi) as CPython does.
    if b.1 == 0.0 && b.0 == b.0.trunc() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        let mut r = (1.0, 0.0);
        let mut p = a;
        let mut m = n.unsigned_abs();
        while m > 0 {
            if m & 1 == 1 {
                r = (r.0 * p.0 - r.1 * p.1, r.0 * p.1 + r.1 * p.0);
            }
            p = (p.0 * p.0 - p.1 * p.1, 2.0 * p.0 * p.1);
            m >>= 1;
        }
        if n < 0 {
            return quot((1.0, 0.0), r).ok_or_else(|| vm.zero_division_error("0.0 to a negative or complex power"));
        }
        return Ok(r);
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    Ok((len * phase.cos(), len * phase.sin()))
}

/// `a ** b` on complex values (also used by float's negative base with a fractional exponent).
pub fn complex_pow_values(vm: &Vm, ar: f64, ai: f64, br: f64, bi: f64) -> PyResult<PyRef> {
    let (r, i) = c_pow(vm, (ar, ai), (br, bi))?;
    if !r.is_finite() || !i.is_finite() {
        if ar.is_finite() && ai.is_finite() && br.is_finite() && bi.is_finite() {
            return Err(vm.overflow_error("complex exponentiation"));
        }
    }
    Ok(new_complex(r, i))
}

fn complex_pow(vm: &Vm, a: &PyObject, b: &PyObject, m: &PyObject) -> PyResult<PyRef> {
    if !m.is(none::none_ref()) {
        return Err(vm.value_error("complex modulo"));
    }
    let (x, y) = operands!(vm, a, b);
    complex_pow_values(vm, x.0, x.1, y.0, y.1)
}

fn complex_neg(_vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
    let (r, i) = parts(a);
    Ok(new_complex(-r, -i))
}
fn complex_pos(_vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
    if std::ptr::eq(a.ob_type(), &*COMPLEX_TYPE) {
        return Ok(a.to_ref());
    }
    let (r, i) = parts(a);
    Ok(new_complex(r, i))
}
fn complex_abs(vm: &Vm, a: &PyObject) -> PyResult<PyRef> {
    let (r, i) = parts(a);
    let h = r.hypot(i);
    if h.is_infinite() && r.is_finite() && i.is_finite() {
        return Err(vm.overflow_error("absolute value too large"));
    }
    Ok(new_float(h))
}
fn complex_bool(_vm: &Vm, a: &PyObject) -> PyResult<bool> {
    let (r, i) = parts(a);
    Ok(r != 0.0 || i != 0.0)
}

fn complex_new_slot(vm: &Vm, cls: &PyObject, args: &[PyRef], kwnames: &[PyRef]) -> PyResult<PyRef> {
    let tp = type_::as_type(vm, cls)?;
    let npos = args.len() - kwnames.len();
    if npos > 2 {
        return Err(vm.type_error(format!("complex() takes at most 2 arguments ({} given)", args.len())));
    }
    let mut real: Option<PyRef> = args.first().filter(|_| npos >= 1).cloned();
    let mut imag: Option<PyRef> = args.get(1).filter(|_| npos >= 2).cloned();
    for (k, v) in kwnames.iter().zip(&args[npos..]) {
        match pystr::to_string(k).as_str() {
            "real" if real.is_none() => real = Some(v.clone()),
            "imag" if imag.is_none() => imag = Some(v.clone()),
            n => return Err(vm.type_error(format!("complex() got an unexpected keyword argument '{n}'"))),
        }
    }
    let (mut re, mut im) = (0.0, 0.0);
    let mut r_complex = false;
    if let Some(r) = &real {
        if let Some(s) = pystr::downcast_str(r) {
            if imag.is_some() {
                return Err(vm.type_error("complex() can't take second arg if first is a string"));
            }
            let text = s.to_string_lossy();
            let (a, b) = crate::format::complex_from_str(&text, || s.repr()).map_err(|e| format_error(vm, e))?;
            return Ok(alloc_object(tp, PyComplex { real: a, imag: b }));
        }
        if let Some(f) = crate::protocol::lookup_special(vm, r, "__complex__")? {
            let c = crate::protocol::call(vm, &f, &[], &[])?;
            let Some(c) = c.downcast::<PyComplex>() else {
                return Err(vm.type_error(format!("__complex__ returned non-complex (type {})", c.ob_type().name())));
            };
            re = c.real;
            im = c.imag;
            r_complex = true;
        } else if let Some(c) = r.downcast::<PyComplex>() {
            re = c.real;
            im = c.imag;
            r_complex = true;
        } else {
            match as_f64(vm, r)? {
                Some(x) => re = x,
                None => {
                    if r.ob_type().tp_as_number.nb_float.get().is_some() || r.ob_type().tp_as_number.nb_index.get().is_some() {
                        re = crate::types::float::float_of(vm, r)?;
                    } else {
                        return Err(vm.type_error(format!(
                            "complex() first argument must be a string or a number, not '{}'",
                            r.ob_type().name()
                        )));
                    }
                }
            }
        }
    }
    if let Some(i) = &imag {
        if pystr::downcast_str(i).is_some() {
            return Err(vm.type_error("complex() second arg can't be a string"));
        }
        let (ir, ii) = match as_complex(vm, i)? {
            Some(v) => v,
            None => {
                if i.ob_type().tp_as_number.nb_float.get().is_some() || i.ob_type().tp_as_number.nb_index.get().is_some() {
                    (crate::types::float::float_of(vm, i)?, 0.0)
                } else {
                    return Err(vm.type_error(format!(
                        "complex() second argument must be a number, not '{}'",
                        i.ob_type().name()
                    )));
                }
            }
        };
        re -= ii;
        // CPython: the result's imag is the second argument's real part, plus the first
        // argument's imag only when that one is complex (so complex(0, -0.0) keeps -0.0).
        im = if r_complex { im + ir } else { ir };
    }
    Ok(alloc_object(tp, PyComplex { real: re, imag: im }))
}

fn complex_conjugate(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let (r, i) = parts(&args[0]);
    Ok(new_complex(r, -i))
}

fn complex_format(vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    check_arity(vm, "__format__", &args[1..], 1, 1)?;
    let spec = pystr::expect_str(vm, &args[1], "__format__", "argument")?.to_string_lossy();
    let (r, i) = parts(&args[0]);
    let s = crate::format::format_complex(r, i, &spec, &args[0].ob_type().name()).map_err(|e| format_error(vm, e))?;
    Ok(pystr::new_str(&s))
}

fn complex_getnewargs(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let (r, i) = parts(&args[0]);
    Ok(tuple::new_tuple(vec![new_float(r), new_float(i)]))
}

fn complex_complex(_vm: &Vm, args: &[PyRef], _kw: &[PyRef]) -> PyResult<PyRef> {
    let (r, i) = parts(&args[0]);
    Ok(new_complex(r, i))
}

fn complex_real(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(new_float(parts(o).0))
}
fn complex_imag(_vm: &Vm, o: &PyObject) -> PyResult<PyRef> {
    Ok(new_float(parts(o).1))
}
