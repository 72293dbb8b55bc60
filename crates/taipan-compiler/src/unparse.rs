//! The expression unparser of CPython's Python/ast_unparse.c (`_PyAST_ExprAsUnicode`): under
//! `from __future__ import annotations` every annotation is stored as this text.
//!
//! Parenthesisation follows ast_unparse.c's precedence levels, not the source: `(a)` is
//! `a`, `yield` is always parenthesised, an int before `.attr` gets a space, infinities
//! print as `1e309`.

use taipan_parser::ast::{self, BoolOp, CmpOp, Constant, Expr, Operator, UnaryOp};
use taipan_parser::repr::{bytes_repr, complex_repr, float_repr, wtf8_repr};

const PR_TUPLE: u8 = 0;
const PR_TEST: u8 = 1;
const PR_OR: u8 = 2;
const PR_AND: u8 = 3;
const PR_NOT: u8 = 4;
const PR_CMP: u8 = 5;
const PR_EXPR: u8 = 6;
const PR_BOR: u8 = PR_EXPR;
const PR_BXOR: u8 = 7;
const PR_BAND: u8 = 8;
const PR_SHIFT: u8 = 9;
const PR_ARITH: u8 = 10;
const PR_TERM: u8 = 11;
const PR_FACTOR: u8 = 12;
const PR_POWER: u8 = 13;
const PR_AWAIT: u8 = 14;
const PR_ATOM: u8 = 15;

/// The source text CPython stores for an annotation.
pub fn unparse_annotation(e: &Expr) -> String {
    let mut w = String::new();
    expr(&mut w, e, PR_TEST);
    w
}

fn open(w: &mut String, cond: bool) {
    if cond {
        w.push('(');
    }
}
fn close(w: &mut String, cond: bool) {
    if cond {
        w.push(')');
    }
}

fn replace_inf(s: String) -> String {
    s.replace("inf", "1e309")
}

fn constant(w: &mut String, c: &Constant) {
    match c {
        Constant::None => w.push_str("None"),
        Constant::Bool(b) => w.push_str(if *b { "True" } else { "False" }),
        Constant::Ellipsis => w.push_str("..."),
        Constant::Int(i) => w.push_str(&i.to_string()),
        Constant::Float(f) => w.push_str(&replace_inf(float_repr(*f))),
        Constant::Complex { real, imag } => w.push_str(&replace_inf(complex_repr(*real, *imag))),
        Constant::Str(s) => w.push_str(&wtf8_repr(s)),
        Constant::Bytes(b) => w.push_str(&bytes_repr(b)),
    }
}

fn binop(op: Operator) -> (&'static str, u8) {
    match op {
        Operator::Add => (" + ", PR_ARITH),
        Operator::Sub => (" - ", PR_ARITH),
        Operator::Mult => (" * ", PR_TERM),
        Operator::MatMult => (" @ ", PR_TERM),
        Operator::Div => (" / ", PR_TERM),
        Operator::Mod => (" % ", PR_TERM),
        Operator::LShift => (" << ", PR_SHIFT),
        Operator::RShift => (" >> ", PR_SHIFT),
        Operator::BitOr => (" | ", PR_BOR),
        Operator::BitXor => (" ^ ", PR_BXOR),
        Operator::BitAnd => (" & ", PR_BAND),
        Operator::FloorDiv => (" // ", PR_TERM),
        Operator::Pow => (" ** ", PR_POWER),
    }
}

fn cmpop(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => " == ",
        CmpOp::NotEq => " != ",
        CmpOp::Lt => " < ",
        CmpOp::LtE => " <= ",
        CmpOp::Gt => " > ",
        CmpOp::GtE => " >= ",
        CmpOp::Is => " is ",
        CmpOp::IsNot => " is not ",
        CmpOp::In => " in ",
        CmpOp::NotIn => " not in ",
    }
}

fn comprehensions(w: &mut String, gens: &[ast::Comprehension]) {
    for g in gens {
        w.push_str(if g.is_async != 0 { " async for " } else { " for " });
        expr(w, &g.target, PR_TUPLE);
        w.push_str(" in ");
        expr(w, &g.iter, PR_TEST + 1);
        for cond in &g.ifs {
            w.push_str(" if ");
            expr(w, cond, PR_TEST + 1);
        }
    }
}

fn args(w: &mut String, a: &ast::Arguments) {
    let mut first = true;
    let mut sep = |w: &mut String| {
        if !first {
            w.push_str(", ");
        }
        first = false;
    };
    let npos = a.posonlyargs.len() + a.args.len();
    let ndef = a.defaults.len();
    for (i, arg) in a.posonlyargs.iter().chain(&a.args).enumerate() {
        sep(w);
        w.push_str(&arg.arg);
        if let Some(ann) = &arg.annotation {
            w.push_str(": ");
            expr(w, ann, PR_TEST);
        }
        if i + ndef >= npos {
            let d = &a.defaults[i + ndef - npos];
            w.push('=');
            expr(w, d, PR_TEST);
        }
        if i + 1 == a.posonlyargs.len() {
            w.push_str(", /");
        }
    }
    if a.vararg.is_some() || !a.kwonlyargs.is_empty() {
        sep(w);
        w.push('*');
        if let Some(v) = &a.vararg {
            w.push_str(&v.arg);
            if let Some(ann) = &v.annotation {
                w.push_str(": ");
                expr(w, ann, PR_TEST);
            }
        }
    }
    for (arg, d) in a.kwonlyargs.iter().zip(&a.kw_defaults) {
        sep(w);
        w.push_str(&arg.arg);
        if let Some(ann) = &arg.annotation {
            w.push_str(": ");
            expr(w, ann, PR_TEST);
        }
        if let Some(d) = d {
            w.push('=');
            expr(w, d, PR_TEST);
        }
    }
    if let Some(k) = &a.kwarg {
        sep(w);
        w.push_str("**");
        w.push_str(&k.arg);
        if let Some(ann) = &k.annotation {
            w.push_str(": ");
            expr(w, ann, PR_TEST);
        }
    }
}

/// The text inside an f-string's quotes (or a format spec).
fn fstring_body(w: &mut String, values: &[Expr]) {
    for v in values {
        match v {
            Expr::Constant(c) => {
                if let Constant::Str(s) = &c.value {
                    let text = String::from_utf8_lossy(s.as_bytes()).into_owned();
                    w.push_str(&text.replace('{', "{{").replace('}', "}}"));
                }
            }
            Expr::FormattedValue(f) => formatted_value(w, f),
            Expr::JoinedStr(j) => fstring_body(w, &j.values),
            _ => {}
        }
    }
}

fn formatted_value(w: &mut String, f: &ast::ExprFormattedValue) {
    let mut inner = String::new();
    expr(&mut inner, &f.value, PR_TEST + 1);
    w.push('{');
    if inner.starts_with('{') {
        w.push(' ');
    }
    w.push_str(&inner);
    match f.conversion {
        115 => w.push_str("!s"),
        114 => w.push_str("!r"),
        97 => w.push_str("!a"),
        _ => {}
    }
    if let Some(spec) = &f.format_spec {
        w.push(':');
        if let Expr::JoinedStr(j) = &**spec {
            fstring_body(w, &j.values);
        }
    }
    w.push('}');
}

fn seq(w: &mut String, elts: &[Expr]) {
    for (i, e) in elts.iter().enumerate() {
        if i > 0 {
            w.push_str(", ");
        }
        expr(w, e, PR_TEST);
    }
}

fn expr(w: &mut String, e: &Expr, level: u8) {
    match e {
        Expr::BoolOp(b) => {
            let (op, pr) = if b.op == BoolOp::And { (" and ", PR_AND) } else { (" or ", PR_OR) };
            open(w, level > pr);
            for (i, v) in b.values.iter().enumerate() {
                if i > 0 {
                    w.push_str(op);
                }
                expr(w, v, pr + 1);
            }
            close(w, level > pr);
        }
        Expr::BinOp(b) => {
            let (op, pr) = binop(b.op);
            let rassoc = (b.op == Operator::Pow) as u8;
            open(w, level > pr);
            expr(w, &b.left, pr + rassoc);
            w.push_str(op);
            expr(w, &b.right, pr + 1 - rassoc);
            close(w, level > pr);
        }
        Expr::UnaryOp(u) => {
            let (op, pr) = match u.op {
                UnaryOp::Invert => ("~", PR_FACTOR),
                UnaryOp::Not => ("not ", PR_NOT),
                UnaryOp::UAdd => ("+", PR_FACTOR),
                UnaryOp::USub => ("-", PR_FACTOR),
            };
            open(w, level > pr);
            w.push_str(op);
            expr(w, &u.operand, pr);
            close(w, level > pr);
        }
        Expr::Lambda(l) => {
            open(w, level > PR_TEST);
            let a = &l.args;
            let has_args = !a.posonlyargs.is_empty()
                || !a.args.is_empty()
                || a.vararg.is_some()
                || !a.kwonlyargs.is_empty()
                || a.kwarg.is_some();
            w.push_str("lambda");
            if has_args {
                w.push(' ');
                args(w, a);
            }
            w.push_str(": ");
            expr(w, &l.body, PR_TEST);
            close(w, level > PR_TEST);
        }
        Expr::IfExp(i) => {
            open(w, level > PR_TEST);
            expr(w, &i.body, PR_TEST + 1);
            w.push_str(" if ");
            expr(w, &i.test, PR_TEST + 1);
            w.push_str(" else ");
            expr(w, &i.orelse, PR_TEST);
            close(w, level > PR_TEST);
        }
        Expr::Dict(d) => {
            w.push('{');
            for (i, (k, v)) in d.keys.iter().zip(&d.values).enumerate() {
                if i > 0 {
                    w.push_str(", ");
                }
                match k {
                    Some(k) => {
                        expr(w, k, PR_TEST);
                        w.push_str(": ");
                        expr(w, v, PR_TEST);
                    }
                    None => {
                        w.push_str("**");
                        expr(w, v, PR_EXPR);
                    }
                }
            }
            w.push('}');
        }
        Expr::Set(s) => {
            if s.elts.is_empty() {
                w.push_str("{*()}");
            } else {
                w.push('{');
                seq(w, &s.elts);
                w.push('}');
            }
        }
        Expr::ListComp(c) => {
            w.push('[');
            expr(w, &c.elt, PR_TEST);
            comprehensions(w, &c.generators);
            w.push(']');
        }
        Expr::SetComp(c) => {
            w.push('{');
            expr(w, &c.elt, PR_TEST);
            comprehensions(w, &c.generators);
            w.push('}');
        }
        Expr::DictComp(c) => {
            w.push('{');
            expr(w, &c.key, PR_TEST);
            w.push_str(": ");
            expr(w, &c.value, PR_TEST);
            comprehensions(w, &c.generators);
            w.push('}');
        }
        Expr::GeneratorExp(c) => {
            w.push('(');
            expr(w, &c.elt, PR_TEST);
            comprehensions(w, &c.generators);
            w.push(')');
        }
        Expr::Await(a) => {
            open(w, level > PR_AWAIT);
            w.push_str("await ");
            expr(w, &a.value, PR_ATOM);
            close(w, level > PR_AWAIT);
        }
        Expr::Yield(y) => match &y.value {
            None => w.push_str("(yield)"),
            Some(v) => {
                w.push_str("(yield ");
                expr(w, v, PR_TEST);
                w.push(')');
            }
        },
        Expr::YieldFrom(y) => {
            w.push_str("(yield from ");
            expr(w, &y.value, PR_TEST);
            w.push(')');
        }
        Expr::Compare(c) => {
            open(w, level > PR_CMP);
            expr(w, &c.left, PR_CMP + 1);
            for (op, r) in c.ops.iter().zip(&c.comparators) {
                w.push_str(cmpop(*op));
                expr(w, r, PR_CMP + 1);
            }
            close(w, level > PR_CMP);
        }
        Expr::Call(c) => {
            expr(w, &c.func, PR_ATOM);
            if c.args.len() == 1 && c.keywords.is_empty() {
                if let Expr::GeneratorExp(_) = &c.args[0] {
                    expr(w, &c.args[0], PR_TEST);
                    return;
                }
            }
            w.push('(');
            let mut first = true;
            for a in &c.args {
                if !first {
                    w.push_str(", ");
                }
                first = false;
                expr(w, a, PR_TEST);
            }
            for k in &c.keywords {
                if !first {
                    w.push_str(", ");
                }
                first = false;
                match &k.arg {
                    None => {
                        w.push_str("**");
                        expr(w, &k.value, PR_TEST);
                    }
                    Some(a) => {
                        w.push_str(a);
                        w.push('=');
                        expr(w, &k.value, PR_TEST);
                    }
                }
            }
            w.push(')');
        }
        Expr::Constant(c) => {
            if matches!(c.value, Constant::Ellipsis) {
                w.push_str("...");
                return;
            }
            if let Some(k) = &c.kind {
                if !k.starts_with('\0') {
                    w.push_str(k);
                }
            }
            constant(w, &c.value);
        }
        Expr::JoinedStr(j) => {
            let mut body = String::new();
            fstring_body(&mut body, &j.values);
            w.push('f');
            w.push_str(&taipan_parser::repr::str_repr(&body));
        }
        Expr::FormattedValue(f) => formatted_value(w, f),
        Expr::Attribute(a) => {
            expr(w, &a.value, PR_ATOM);
            let int_before = matches!(&*a.value, Expr::Constant(c) if matches!(c.value, Constant::Int(_)));
            w.push_str(if int_before { " ." } else { "." });
            w.push_str(&a.attr);
        }
        Expr::Subscript(s) => {
            expr(w, &s.value, PR_ATOM);
            w.push('[');
            expr(w, &s.slice, PR_TUPLE);
            w.push(']');
        }
        Expr::Starred(s) => {
            w.push('*');
            expr(w, &s.value, PR_EXPR);
        }
        Expr::Name(n) => w.push_str(&n.id),
        Expr::List(l) => {
            w.push('[');
            seq(w, &l.elts);
            w.push(']');
        }
        Expr::Tuple(t) => {
            if t.elts.is_empty() {
                w.push_str("()");
                return;
            }
            open(w, level > PR_TUPLE);
            seq(w, &t.elts);
            if t.elts.len() == 1 {
                w.push(',');
            }
            close(w, level > PR_TUPLE);
        }
        Expr::Slice(s) => {
            if let Some(l) = &s.lower {
                expr(w, l, PR_TEST);
            }
            w.push(':');
            if let Some(u) = &s.upper {
                expr(w, u, PR_TEST);
            }
            if let Some(st) = &s.step {
                w.push(':');
                expr(w, st, PR_TEST);
            }
        }
        Expr::NamedExpr(n) => {
            open(w, level > PR_TUPLE);
            expr(w, &n.target, PR_ATOM);
            w.push_str(" := ");
            expr(w, &n.value, PR_ATOM);
            close(w, level > PR_TUPLE);
        }
    }
}
