//! `Constant`: the values marshal carries, as plain data (no VM objects).
//!
//! A code object's `co_consts` holds only None, Ellipsis, bool, int, float, complex, str,
//! bytes, tuple, frozenset and code objects. marshal in general also carries
//! StopIteration, list, dict and set, so that `marshal.loads` of any data CPython 3.13 writes
//! can be represented; those four never appear in `co_consts`. (3.13's marshal has no
//! slice type: TYPE_SLICE arrives with 3.14's version 5.)
//!
//! Containers are `Arc`s: a marshal back-reference (TYPE_REF) to an already loaded tuple
//! or code object costs a pointer copy, so hostile data whose references multiply cannot
//! blow up memory, and constants can be shared between threads of the VM.
//!
//! Equality is *identity of value* as `_PyCode_ConstantKey` sees it, not Python's `==`:
//! floats compare by bit pattern (so `-0.0 != 0.0`, and a NaN equals itself), `True` is not
//! `1`, and a str's interned flag counts. Sets and frozensets compare without order.
//! `Eq` and `Hash` follow the same rule, so a compiler can key its constant cache
//! (`c_const_cache`) by `Constant` — except code objects, which CPython never merges and
//! which compare here by value.

use std::sync::Arc;

use dashu_int::IBig;

use crate::code::CodeObject;
use crate::pystr::PyStr;

#[derive(Clone, Debug)]
pub enum Constant {
    None,
    Ellipsis,
    /// The `StopIteration` class (marshal's TYPE_STOPITER); not a code constant.
    StopIteration,
    Bool(bool),
    Int(IBig),
    Float(f64),
    Complex {
        real: f64,
        imag: f64,
    },
    /// `interned` mirrors CPython's interned state, which marshal records
    /// (TYPE_SHORT_ASCII_INTERNED, …) and which decides FLAG_REF on writing.
    Str {
        value: PyStr,
        interned: bool,
    },
    Bytes(Arc<[u8]>),
    Tuple(Arc<[Constant]>),
    /// Elements in the order they were read (marshal writes them sorted by their own
    /// marshalled bytes).
    FrozenSet(Arc<[Constant]>),
    Code(Arc<CodeObject>),
    /// Marshal data only.
    List(Arc<[Constant]>),
    /// Marshal data only.
    Set(Arc<[Constant]>),
    /// Marshal data only; pairs in order.
    Dict(Arc<[(Constant, Constant)]>),
}

impl Constant {
    pub fn int(v: impl Into<IBig>) -> Constant {
        Constant::Int(v.into())
    }

    /// A str constant, interned as CPython's code creation would intern it.
    pub fn str(s: impl Into<PyStr>) -> Constant {
        let value = s.into();
        let interned = value.is_interned_constant();
        Constant::Str { value, interned }
    }

    pub fn bytes(b: &[u8]) -> Constant {
        Constant::Bytes(b.into())
    }

    pub fn tuple(items: Vec<Constant>) -> Constant {
        Constant::Tuple(items.into())
    }

    /// The Python type name (`type(x).__name__`).
    pub fn type_name(&self) -> &'static str {
        match self {
            Constant::None => "NoneType",
            Constant::Ellipsis => "ellipsis",
            Constant::StopIteration => "type",
            Constant::Bool(_) => "bool",
            Constant::Int(_) => "int",
            Constant::Float(_) => "float",
            Constant::Complex { .. } => "complex",
            Constant::Str { .. } => "str",
            Constant::Bytes(_) => "bytes",
            Constant::Tuple(_) => "tuple",
            Constant::FrozenSet(_) => "frozenset",
            Constant::Code(_) => "code",
            Constant::List(_) => "list",
            Constant::Set(_) => "set",
            Constant::Dict(_) => "dict",
        }
    }
}

impl Eq for Constant {}

impl std::hash::Hash for Constant {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        std::mem::discriminant(self).hash(h);
        match self {
            Constant::None | Constant::Ellipsis | Constant::StopIteration => {}
            Constant::Bool(b) => b.hash(h),
            Constant::Int(i) => i.hash(h),
            Constant::Float(f) => f.to_bits().hash(h),
            Constant::Complex { real, imag } => (real.to_bits(), imag.to_bits()).hash(h),
            Constant::Str { value, interned } => (value, interned).hash(h),
            Constant::Bytes(b) => b.hash(h),
            Constant::Tuple(items) | Constant::List(items) => items.hash(h),
            // Order-free, as their equality: combine the elements' own hashes.
            Constant::FrozenSet(items) | Constant::Set(items) => {
                let mut acc = 0u64;
                for item in items.iter() {
                    let mut eh = std::collections::hash_map::DefaultHasher::new();
                    item.hash(&mut eh);
                    acc = acc.wrapping_add(std::hash::Hasher::finish(&eh));
                }
                (items.len(), acc).hash(h)
            }
            Constant::Code(code) => code.hash(h),
            Constant::Dict(pairs) => pairs.hash(h),
        }
    }
}

impl PartialEq for Constant {
    fn eq(&self, other: &Constant) -> bool {
        use Constant::*;
        match (self, other) {
            (None, None) | (Ellipsis, Ellipsis) | (StopIteration, StopIteration) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            (Complex { real: a, imag: b }, Complex { real: c, imag: d }) => {
                a.to_bits() == c.to_bits() && b.to_bits() == d.to_bits()
            }
            (
                Str {
                    value: a,
                    interned: x,
                },
                Str {
                    value: b,
                    interned: y,
                },
            ) => a == b && x == y,
            (Bytes(a), Bytes(b)) => a == b,
            (Tuple(a), Tuple(b)) | (List(a), List(b)) => a == b,
            // Sets compare regardless of order.
            (FrozenSet(a), FrozenSet(b)) | (Set(a), Set(b)) => {
                a.len() == b.len()
                    && a.iter().all(|x| b.contains(x))
                    && b.iter().all(|x| a.contains(x))
            }
            (Dict(a), Dict(b)) => a == b,
            (Code(a), Code(b)) => Arc::ptr_eq(a, b) || a == b,
            _ => false,
        }
    }
}
