//! `CodeObject`: CPython 3.13's code object as plain data — exactly the fields marshal
//! writes, in its order. Derived views (`co_varnames`, `co_cellvars`, `co_freevars`,
//! `co_nlocals`, …) are computed from `localsplusnames`/`localspluskinds` as CPython does.

use crate::constant::Constant;
use crate::pystr::PyStr;

/// `co_flags` bits (`inspect.CO_*`).
pub mod flags {
    pub const CO_OPTIMIZED: i32 = 0x1;
    pub const CO_NEWLOCALS: i32 = 0x2;
    pub const CO_VARARGS: i32 = 0x4;
    pub const CO_VARKEYWORDS: i32 = 0x8;
    pub const CO_NESTED: i32 = 0x10;
    pub const CO_GENERATOR: i32 = 0x20;
    pub const CO_NOFREE: i32 = 0x40;
    pub const CO_COROUTINE: i32 = 0x80;
    pub const CO_ITERABLE_COROUTINE: i32 = 0x100;
    pub const CO_ASYNC_GENERATOR: i32 = 0x200;
    /// `from __future__ import annotations` (the compiler's future flags live above 0x20000).
    pub const CO_FUTURE_ANNOTATIONS: i32 = 0x1000000;
}

/// `co_localspluskinds` bits (`Include/internal/pycore_code.h`).
pub mod kinds {
    pub const CO_FAST_HIDDEN: u8 = 0x10;
    pub const CO_FAST_LOCAL: u8 = 0x20;
    pub const CO_FAST_CELL: u8 = 0x40;
    pub const CO_FAST_FREE: u8 = 0x80;
    pub const CO_FAST_ARG_POS: u8 = 0x02;
    pub const CO_FAST_ARG_KW: u8 = 0x04;
    pub const CO_FAST_ARG_VAR: u8 = 0x08;
    pub const CO_FAST_ARGS: u8 = 0x0E;
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CodeObject {
    pub argcount: i32,
    pub posonlyargcount: i32,
    pub kwonlyargcount: i32,
    pub stacksize: i32,
    pub flags: i32,
    /// `co_code`: code units (opcode, oparg) with their inline caches zeroed.
    pub code: Vec<u8>,
    pub consts: Vec<Constant>,
    pub names: Vec<PyStr>,
    pub localsplusnames: Vec<PyStr>,
    /// One byte of `kinds::CO_FAST_*` bits per entry of `localsplusnames`.
    pub localspluskinds: Vec<u8>,
    pub filename: PyStr,
    pub name: PyStr,
    pub qualname: PyStr,
    pub firstlineno: i32,
    /// `co_linetable`, the 3.13 location table (see `location`).
    pub linetable: Vec<u8>,
    /// `co_exceptiontable` (see `location::exception_table`).
    pub exceptiontable: Vec<u8>,
}

impl CodeObject {
    fn names_of_kind(&self, pred: impl Fn(u8) -> bool) -> Vec<PyStr> {
        self.localsplusnames
            .iter()
            .zip(&self.localspluskinds)
            .filter(|(_, &k)| pred(k))
            .map(|(n, _)| n.clone())
            .collect()
    }

    /// `co_varnames`: the locals (arguments first), cells that are also arguments included.
    pub fn varnames(&self) -> Vec<PyStr> {
        self.names_of_kind(|k| k & kinds::CO_FAST_LOCAL != 0)
    }

    /// `co_cellvars`.
    pub fn cellvars(&self) -> Vec<PyStr> {
        self.names_of_kind(|k| k & kinds::CO_FAST_CELL != 0)
    }

    /// `co_freevars`.
    pub fn freevars(&self) -> Vec<PyStr> {
        self.names_of_kind(|k| k & kinds::CO_FAST_FREE != 0)
    }

    /// `co_nlocals`.
    pub fn nlocals(&self) -> usize {
        self.localspluskinds
            .iter()
            .filter(|&&k| k & kinds::CO_FAST_LOCAL != 0)
            .count()
    }

    /// Number of code units (`len(co_code) // 2`).
    pub fn code_units(&self) -> usize {
        self.code.len() / 2
    }
}
