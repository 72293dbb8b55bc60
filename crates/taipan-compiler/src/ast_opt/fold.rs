//! The value side of constant folding: Python's semantics of the unary and binary
//! operators on the constants the AST optimizer meets, with ast_opt.c's size guards
//! (`safe_multiply`, `safe_power`, `safe_lshift`, `safe_mod`). `None` means "not folded"
//! (CPython swallows the exception the operation would raise and leaves the node alone).

use dashu_int::ops::{BitTest, DivRem};
use dashu_int::IBig;
use taipan_bytecode::{Constant, PyStr};
use taipan_parser::ast::{Operator, UnaryOp};

const MAX_INT_SIZE: usize = 128;
const MAX_COLLECTION_SIZE: usize = 256;
const MAX_STR_SIZE: usize = 4096;
const MAX_TOTAL_ITEMS: usize = 1024;

fn as_int(c: &Constant) -> Option<IBig> {
    match c {
        Constant::Int(i) => Some(i.clone()),
        Constant::Bool(b) => Some(IBig::from(*b as u8)),
        _ => None,
    }
}

fn int_to_f64(i: &IBig) -> Option<f64> {
    let f = i.to_f64().value();
    if f.is_infinite() {
        None
    } else {
        Some(f)
    }
}

fn as_float(c: &Constant) -> Option<f64> {
    match c {
        Constant::Float(f) => Some(*f),
        _ => as_int(c).and_then(|i| int_to_f64(&i)),
    }
}

fn as_complex(c: &Constant) -> Option<(f64, f64)> {
    match c {
        Constant::Complex { real, imag } => Some((*real, *imag)),
        _ => as_float(c).map(|f| (f, 0.0)),
    }
}

fn bit_len(i: &IBig) -> usize {
    let mut a = i.clone();
    if a < IBig::ZERO {
        a = -a;
    }
    let mut n = 0;
    // bit length through repeated shifting would be slow for huge values; use the
    // string-free route of dashu's UBig.
    let u: dashu_int::UBig = a.try_into().unwrap_or_default();
    n += u.bit_len();
    n
}

fn truthy(c: &Constant) -> Option<bool> {
    Some(match c {
        Constant::None => false,
        Constant::Ellipsis => true,
        Constant::Bool(b) => *b,
        Constant::Int(i) => *i != IBig::ZERO,
        Constant::Float(f) => *f != 0.0,
        Constant::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
        Constant::Str { value, .. } => !value.is_empty(),
        Constant::Bytes(b) => !b.is_empty(),
        Constant::Tuple(t) | Constant::FrozenSet(t) => !t.is_empty(),
        _ => return None,
    })
}

pub fn unary(op: UnaryOp, v: &Constant) -> Option<Constant> {
    match op {
        UnaryOp::Not => truthy(v).map(|b| Constant::Bool(!b)),
        UnaryOp::Invert => as_int(v).map(|i| Constant::Int(-i - IBig::ONE)),
        UnaryOp::UAdd => match v {
            Constant::Bool(b) => Some(Constant::Int(IBig::from(*b as u8))),
            Constant::Int(_) | Constant::Float(_) | Constant::Complex { .. } => Some(v.clone()),
            _ => None,
        },
        UnaryOp::USub => match v {
            Constant::Float(f) => Some(Constant::Float(-f)),
            Constant::Complex { real, imag } => Some(Constant::Complex { real: -real, imag: -imag }),
            _ => as_int(v).map(|i| Constant::Int(-i)),
        },
    }
}

fn floor_divmod(a: &IBig, b: &IBig) -> Option<(IBig, IBig)> {
    if *b == IBig::ZERO {
        return None;
    }
    let (mut q, mut r) = a.clone().div_rem(b.clone());
    if r != IBig::ZERO && ((r < IBig::ZERO) != (*b < IBig::ZERO)) {
        q -= IBig::ONE;
        r += b;
    }
    Some((q, r))
}

fn float_mod(vx: f64, wx: f64) -> Option<f64> {
    if wx == 0.0 {
        return None;
    }
    let mut m = vx % wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    Some(m)
}

fn float_floordiv(vx: f64, wx: f64) -> Option<f64> {
    if wx == 0.0 {
        return None;
    }
    let m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 && ((wx < 0.0) != (m < 0.0)) {
        div -= 1.0;
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
    Some(floordiv)
}

/// int / int, correctly rounded for operands a double holds exactly.
fn int_truediv(a: &IBig, b: &IBig) -> Option<f64> {
    if *b == IBig::ZERO {
        return None;
    }
    let limit = IBig::from(1u64 << 53);
    let small = |x: &IBig| *x < limit && *x > -limit.clone();
    if small(a) && small(b) {
        return Some(int_to_f64(a)? / int_to_f64(b)?);
    }
    None
}

fn is_str(c: &Constant) -> bool {
    matches!(c, Constant::Str { .. })
}

fn seq_len(c: &Constant) -> Option<usize> {
    match c {
        Constant::Str { value, .. } => Some(value.len()),
        Constant::Bytes(b) => Some(b.len()),
        Constant::Tuple(t) => Some(t.len()),
        _ => None,
    }
}

/// `check_complexity`: total items of nested tuples/frozensets within `limit`.
fn check_complexity(c: &Constant, mut limit: isize) -> isize {
    if let Constant::Tuple(t) | Constant::FrozenSet(t) = c {
        limit -= t.len() as isize;
        for x in t.iter() {
            if limit < 0 {
                break;
            }
            limit = check_complexity(x, limit);
        }
    }
    limit
}

fn repeat(seq: &Constant, n: &IBig) -> Option<Constant> {
    let n: i64 = n.try_into().ok()?;
    let n = n.max(0) as usize;
    Some(match seq {
        Constant::Str { value, .. } => {
            let bytes = value.as_bytes().repeat(n);
            Constant::str(PyStr::from_surrogatepass_utf8(&bytes).ok()?)
        }
        Constant::Bytes(b) => Constant::bytes(&b.repeat(n)),
        Constant::Tuple(t) => {
            let mut v = Vec::with_capacity(t.len() * n);
            for _ in 0..n {
                v.extend(t.iter().cloned());
            }
            Constant::tuple(v)
        }
        _ => return None,
    })
}

fn safe_multiply(v: &Constant, w: &Constant) -> Option<Constant> {
    let vi = as_int(v);
    let wi = as_int(w);
    if let (Some(a), Some(b)) = (&vi, &wi) {
        if *a != IBig::ZERO && *b != IBig::ZERO && bit_len(a) + bit_len(b) > MAX_INT_SIZE {
            return None;
        }
        return Some(Constant::Int(a * b));
    }
    if let Some(n) = &vi {
        match w {
            Constant::Tuple(t) => {
                let size = t.len();
                if size > 0 {
                    let nn: i64 = n.try_into().ok()?;
                    if nn < 0 || nn as usize > MAX_COLLECTION_SIZE / size {
                        return None;
                    }
                    if nn > 0 && check_complexity(w, (MAX_TOTAL_ITEMS / nn as usize) as isize) < 0 {
                        return None;
                    }
                }
                return repeat(w, n);
            }
            Constant::Str { .. } | Constant::Bytes(_) => {
                let size = seq_len(w)?;
                if size > 0 {
                    let nn: i64 = n.try_into().ok()?;
                    if nn < 0 || nn as usize > MAX_STR_SIZE / size {
                        return None;
                    }
                }
                return repeat(w, n);
            }
            _ => {}
        }
    }
    if wi.is_some() && matches!(v, Constant::Tuple(_) | Constant::Str { .. } | Constant::Bytes(_)) {
        return safe_multiply(w, v);
    }
    numeric(Operator::Mult, v, w)
}

fn safe_power(v: &Constant, w: &Constant) -> Option<Constant> {
    if let (Some(a), Some(b)) = (as_int(v), as_int(w)) {
        if a != IBig::ZERO && b > IBig::ZERO {
            let wbits: u64 = (&b).try_into().ok()?;
            if bit_len(&a) as u64 > MAX_INT_SIZE as u64 / wbits {
                return None;
            }
        }
    }
    numeric(Operator::Pow, v, w)
}

fn safe_lshift(v: &Constant, w: &Constant) -> Option<Constant> {
    let (a, b) = (as_int(v)?, as_int(w)?);
    if a != IBig::ZERO && b != IBig::ZERO {
        let wbits: u64 = (&b).try_into().ok()?;
        if wbits > MAX_INT_SIZE as u64 || bit_len(&a) as u64 > MAX_INT_SIZE as u64 - wbits {
            return None;
        }
    }
    if b < IBig::ZERO {
        return None;
    }
    let s: usize = (&b).try_into().ok()?;
    Some(Constant::Int(a << s))
}

fn shr(a: &IBig, b: &IBig) -> Option<IBig> {
    if *b < IBig::ZERO {
        return None;
    }
    let s: usize = match b.try_into() {
        Ok(s) => s,
        Err(_) => return Some(if *a < IBig::ZERO { -IBig::ONE } else { IBig::ZERO }),
    };
    if *a < IBig::ZERO {
        let pos: IBig = -a.clone() - IBig::ONE;
        Some(-(pos >> s) - IBig::ONE)
    } else {
        Some(a.clone() >> s)
    }
}

pub fn binary(op: Operator, v: &Constant, w: &Constant) -> Option<Constant> {
    match op {
        Operator::Add => match (v, w) {
            (Constant::Str { value: a, .. }, Constant::Str { value: b, .. }) => {
                let mut bytes = a.as_bytes().to_vec();
                bytes.extend_from_slice(b.as_bytes());
                Some(Constant::str(PyStr::from_surrogatepass_utf8(&bytes).ok()?))
            }
            (Constant::Bytes(a), Constant::Bytes(b)) => {
                let mut x = a.to_vec();
                x.extend_from_slice(b);
                Some(Constant::bytes(&x))
            }
            (Constant::Tuple(a), Constant::Tuple(b)) => {
                Some(Constant::tuple(a.iter().chain(b.iter()).cloned().collect()))
            }
            _ => numeric(op, v, w),
        },
        Operator::Mult => safe_multiply(v, w),
        Operator::Mod => {
            if is_str(v) || matches!(v, Constant::Bytes(_)) {
                return None;
            }
            numeric(op, v, w)
        }
        Operator::Pow => safe_power(v, w),
        Operator::LShift => safe_lshift(v, w),
        Operator::RShift => Some(Constant::Int(shr(&as_int(v)?, &as_int(w)?)?)),
        Operator::BitOr | Operator::BitXor | Operator::BitAnd => {
            if let (Constant::Bool(a), Constant::Bool(b)) = (v, w) {
                return Some(Constant::Bool(match op {
                    Operator::BitOr => a | b,
                    Operator::BitXor => a ^ b,
                    _ => a & b,
                }));
            }
            let (a, b) = (as_int(v)?, as_int(w)?);
            Some(Constant::Int(match op {
                Operator::BitOr => a | b,
                Operator::BitXor => a ^ b,
                _ => a & b,
            }))
        }
        Operator::MatMult => None,
        Operator::Sub | Operator::Div | Operator::FloorDiv => numeric(op, v, w),
    }
}

/// Arithmetic on int/bool/float/complex with Python's promotion rules.
fn numeric(op: Operator, v: &Constant, w: &Constant) -> Option<Constant> {
    let is_num = |c: &Constant| matches!(c, Constant::Int(_) | Constant::Bool(_) | Constant::Float(_) | Constant::Complex { .. });
    if !is_num(v) || !is_num(w) {
        return None;
    }
    if let (Some(a), Some(b)) = (as_int(v), as_int(w)) {
        return Some(match op {
            Operator::Add => Constant::Int(a + b),
            Operator::Sub => Constant::Int(a - b),
            Operator::Mult => Constant::Int(a * b),
            Operator::Div => Constant::Float(int_truediv(&a, &b)?),
            Operator::FloorDiv => Constant::Int(floor_divmod(&a, &b)?.0),
            Operator::Mod => Constant::Int(floor_divmod(&a, &b)?.1),
            Operator::Pow => {
                if b < IBig::ZERO {
                    let x = int_to_f64(&a)?;
                    let y = int_to_f64(&b)?;
                    if x == 0.0 {
                        return None;
                    }
                    Constant::Float(x.powf(y))
                } else {
                    let e: usize = (&b).try_into().ok()?;
                    Constant::Int(a.pow(e))
                }
            }
            _ => return None,
        });
    }
    if matches!(v, Constant::Complex { .. }) || matches!(w, Constant::Complex { .. }) {
        let (a, b) = (as_complex(v)?, as_complex(w)?);
        return Some(match op {
            Operator::Add => Constant::Complex { real: a.0 + b.0, imag: a.1 + b.1 },
            Operator::Sub => Constant::Complex { real: a.0 - b.0, imag: a.1 - b.1 },
            Operator::Mult => Constant::Complex { real: a.0 * b.0 - a.1 * b.1, imag: a.0 * b.1 + a.1 * b.0 },
            Operator::Div => {
                let (r, i) = complex_quot(a, b)?;
                Constant::Complex { real: r, imag: i }
            }
            Operator::Pow => {
                let (r, i) = complex_pow(a, b)?;
                Constant::Complex { real: r, imag: i }
            }
            _ => return None,
        });
    }
    let (x, y) = (as_float(v)?, as_float(w)?);
    let r = match op {
        Operator::Add => x + y,
        Operator::Sub => x - y,
        Operator::Mult => x * y,
        Operator::Div => {
            if y == 0.0 {
                return None;
            }
            x / y
        }
        Operator::FloorDiv => float_floordiv(x, y)?,
        Operator::Mod => float_mod(x, y)?,
        Operator::Pow => {
            if x == 0.0 && y < 0.0 {
                return None;
            }
            if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
                return None;
            }
            let r = x.powf(y);
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                return None;
            }
            r
        }
        _ => return None,
    };
    Some(Constant::Float(r))
}

fn c_prod(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// `complex_pow`: small integral exponents by repeated multiplication (`c_powi`), others
/// by `_Py_c_pow`; errors (0 to a negative/complex power, overflow) leave it unfolded.
fn complex_pow(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    let p = if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        let powu = |x: (f64, f64), n: i64| {
            let mut r = (1.0, 0.0);
            let mut p = x;
            let mut mask: i64 = 1;
            while mask > 0 && n >= mask {
                if n & mask != 0 {
                    r = c_prod(r, p);
                }
                mask <<= 1;
                p = c_prod(p, p);
            }
            r
        };
        if n > 0 {
            powu(a, n)
        } else {
            complex_quot((1.0, 0.0), powu(a, -n))?
        }
    } else if b.0 == 0.0 && b.1 == 0.0 {
        (1.0, 0.0)
    } else if a.0 == 0.0 && a.1 == 0.0 {
        if b.1 != 0.0 || b.0 < 0.0 {
            return None;
        }
        (0.0, 0.0)
    } else {
        let vabs = a.0.hypot(a.1);
        let mut len = vabs.powf(b.0);
        let at = a.1.atan2(a.0);
        let mut phase = at * b.0;
        if b.1 != 0.0 {
            len /= (at * b.1).exp();
            phase += b.1 * vabs.ln();
        }
        (len * phase.cos(), len * phase.sin())
    };
    if p.0.is_infinite() || p.1.is_infinite() {
        return None;
    }
    Some(p)
}

/// `_Py_c_quot`.
fn complex_quot(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    let (abs_br, abs_bi) = (b.0.abs(), b.1.abs());
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_bi >= abs_br {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        Some((f64::NAN, f64::NAN))
    }
}

/// `PyObject_GetItem` on constants with an int index.
pub fn subscript(v: &Constant, idx: &Constant) -> Option<Constant> {
    let i = as_int(idx)?;
    let len = seq_len(v)? as i64;
    let mut i: i64 = (&i).try_into().ok()?;
    if i < 0 {
        i += len;
    }
    if i < 0 || i >= len {
        return None;
    }
    let i = i as usize;
    Some(match v {
        Constant::Str { value, .. } => {
            let cp = value.code_points().nth(i)?;
            Constant::str(PyStr::from_code_points([cp])?)
        }
        Constant::Bytes(b) => Constant::int(b[i]),
        Constant::Tuple(t) => t[i].clone(),
        _ => return None,
    })
}
