//! The SyntaxWarnings CPython's code generator emits (`check_compare`, `check_caller`,
//! `check_subscripter`, `check_index`): `x is 1`, `(1, 2)(3)`, `None[0]`,
//! `[1, 2][3, 4]` — almost always a missing comma or `==`. They are collected per
//! thread while compiling; the caller takes them with [`take_warnings`] and shows them
//! (`warnings.warn_explicit(SyntaxWarning, …)`), the code object is unaffected.

use std::cell::RefCell;

use taipan_bytecode::Constant;
use taipan_parser::ast::{CmpOp, Expr};

use super::Compiler;
use crate::instr_sequence::Location;

/// One SyntaxWarning: where and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileWarning {
    pub lineno: u32,
    pub msg: String,
}

thread_local! {
    static WARNINGS: RefCell<Vec<CompileWarning>> = const { RefCell::new(Vec::new()) };
}

/// The warnings of the compilations since the last call, in order.
pub fn take_warnings() -> Vec<CompileWarning> {
    WARNINGS.with(|w| std::mem::take(&mut *w.borrow_mut()))
}

/// Forget pending warnings (a new compilation starts).
pub fn clear_warnings() {
    WARNINGS.with(|w| w.borrow_mut().clear());
}

fn constant_type(c: &Constant) -> &'static str {
    match c {
        Constant::None => "NoneType",
        Constant::Ellipsis => "ellipsis",
        Constant::Bool(_) => "bool",
        Constant::Int(_) => "int",
        Constant::Float(_) => "float",
        Constant::Complex { .. } => "complex",
        Constant::Str { .. } => "str",
        Constant::Bytes(_) => "bytes",
        Constant::Tuple(_) => "tuple",
        Constant::FrozenSet(_) => "frozenset",
        _ => "object",
    }
}

impl<'a> Compiler<'a> {
    fn warn(&mut self, loc: Location, msg: String) {
        WARNINGS.with(|w| w.borrow_mut().push(CompileWarning { lineno: loc.lineno.max(0) as u32, msg }));
    }

    fn constant_of(&self, e: &Expr) -> Option<Constant> {
        match e {
            Expr::Constant(c) => Some(crate::ast_opt::constant_value(c, self.folded)),
            _ => None,
        }
    }

    /// `infer_type`: the type a literal expression certainly has.
    fn infer_type(&self, e: &Expr) -> Option<&'static str> {
        Some(match e {
            Expr::Tuple(_) => "tuple",
            Expr::List(_) | Expr::ListComp(_) => "list",
            Expr::Dict(_) | Expr::DictComp(_) => "dict",
            Expr::Set(_) | Expr::SetComp(_) => "set",
            Expr::GeneratorExp(_) => "generator",
            Expr::Lambda(_) => "function",
            Expr::JoinedStr(_) | Expr::FormattedValue(_) => "str",
            Expr::Constant(_) => constant_type(&self.constant_of(e)?),
            _ => return None,
        })
    }

    /// `check_is_arg`: not a literal, or a singleton literal.
    fn is_arg_ok(&self, e: &Expr) -> bool {
        match self.constant_of(e) {
            None => true,
            Some(c) => matches!(c, Constant::None | Constant::Bool(_) | Constant::Ellipsis),
        }
    }

    /// `check_compare`: `is`/`is not` with a literal.
    pub(super) fn check_compare(&mut self, left: &Expr, ops: &[CmpOp], comparators: &[Expr], loc: Location) {
        let mut left_ok = self.is_arg_ok(left);
        let mut left_expr = left;
        for (op, right) in ops.iter().zip(comparators) {
            let right_ok = self.is_arg_ok(right);
            if matches!(op, CmpOp::Is | CmpOp::IsNot) && (!right_ok || !left_ok) {
                let literal = if !left_ok { left_expr } else { right };
                let t = self.infer_type(literal).unwrap_or("object");
                let msg = if matches!(op, CmpOp::Is) {
                    format!("\"is\" with '{t}' literal. Did you mean \"==\"?")
                } else {
                    format!("\"is not\" with '{t}' literal. Did you mean \"!=\"?")
                };
                self.warn(loc, msg);
                return;
            }
            left_ok = right_ok;
            left_expr = right;
        }
    }

    /// `check_caller`: calling a literal.
    pub(super) fn check_caller(&mut self, func: &Expr, loc: Location) {
        let literal = matches!(
            func,
            Expr::Constant(_)
                | Expr::Tuple(_)
                | Expr::List(_)
                | Expr::ListComp(_)
                | Expr::Dict(_)
                | Expr::DictComp(_)
                | Expr::Set(_)
                | Expr::SetComp(_)
                | Expr::GeneratorExp(_)
                | Expr::JoinedStr(_)
                | Expr::FormattedValue(_)
        );
        if literal {
            let t = self.infer_type(func).unwrap_or("object");
            self.warn(loc, format!("'{t}' object is not callable; perhaps you missed a comma?"));
        }
    }

    /// `check_subscripter` and `check_index` for `value[index]` in a load.
    pub(super) fn check_subscript(&mut self, value: &Expr, index: &Expr, loc: Location) {
        let not_subscriptable = match value {
            Expr::Constant(_) => matches!(
                self.constant_of(value),
                Some(Constant::None | Constant::Ellipsis | Constant::Int(_) | Constant::Float(_) | Constant::Complex { .. } | Constant::FrozenSet(_))
            ),
            Expr::Set(_) | Expr::SetComp(_) | Expr::GeneratorExp(_) | Expr::Lambda(_) => true,
            _ => false,
        };
        if not_subscriptable {
            let t = self.infer_type(value).unwrap_or("object");
            self.warn(loc, format!("'{t}' object is not subscriptable; perhaps you missed a comma?"));
            return;
        }
        let indexable = match value {
            Expr::Constant(_) => matches!(self.constant_of(value), Some(Constant::Str { .. } | Constant::Bytes(_) | Constant::Tuple(_))),
            Expr::Tuple(_) | Expr::List(_) | Expr::ListComp(_) | Expr::JoinedStr(_) | Expr::FormattedValue(_) => true,
            _ => false,
        };
        if !indexable {
            return;
        }
        let Some(it) = self.infer_type(index) else { return };
        if it == "int" || it == "bool" || matches!(index, Expr::Slice(_)) {
            return;
        }
        let t = self.infer_type(value).unwrap_or("object");
        self.warn(loc, format!("{t} indices must be integers or slices, not {it}; perhaps you missed a comma?"));
    }
}
