//! CPython 3.13's AST optimizer (Python/ast_opt.c), run between the symbol table and code
//! generation: folds unary and binary operations on constants (with ast_opt.c's size
//! limits), tuples of constants, subscripts of constants, `__debug__`, `not (a is b)` into
//! `a is not b`, literal lists/sets that are iterated or tested with `in` into tuples and
//! frozensets, and `'...%s...' % (a, b)` into an f-string.
//!
//! The parser's `Constant` node can only hold literal values (no negative ints, tuples or
//! frozensets), so a folded node becomes a `Constant` whose `kind` is a marker `"\0N"` and
//! whose value is `folded[N]`; code generation reads it through `Optimized::folded`.

mod fold;

use taipan_bytecode::{Constant, PyStr};
use taipan_parser::ast::{self, CmpOp, Expr, ExprContext, Operator, Pattern, Stmt, TextRange, UnaryOp};

/// The optimized tree and the values of its folded constants.
pub struct Optimized {
    pub module: ast::Mod,
    pub folded: Vec<Constant>,
}

/// The marker `kind` of a folded constant, if `kind` is one.
pub fn folded_index(kind: &Option<String>) -> Option<usize> {
    let k = kind.as_deref()?;
    k.strip_prefix('\0')?.parse().ok()
}

/// The value of a Constant node (folded or literal).
pub fn constant_value(c: &ast::ExprConstant, folded: &[Constant]) -> Constant {
    match folded_index(&c.kind) {
        Some(i) => folded[i].clone(),
        None => literal(&c.value),
    }
}

pub fn literal(c: &ast::Constant) -> Constant {
    match c {
        ast::Constant::None => Constant::None,
        ast::Constant::Bool(b) => Constant::Bool(*b),
        ast::Constant::Ellipsis => Constant::Ellipsis,
        ast::Constant::Int(i) => Constant::Int(i.clone().into()),
        ast::Constant::Float(f) => Constant::Float(*f),
        ast::Constant::Complex { real, imag } => Constant::Complex { real: *real, imag: *imag },
        ast::Constant::Str(s) => Constant::str(PyStr::from_surrogatepass_utf8(s.as_bytes()).unwrap_or_default()),
        ast::Constant::Bytes(b) => Constant::bytes(b),
    }
}

const NO_RANGE: TextRange = TextRange { lineno: u32::MAX, col_offset: u32::MAX, end_lineno: u32::MAX, end_col_offset: u32::MAX };

/// Deeper expressions are left unfolded rather than risk the stack.
const MAX_DEPTH: usize = 2000;

struct Folder {
    folded: Vec<Constant>,
    optimize: i32,
    future_annotations: bool,
    depth: usize,
}

pub fn optimize(module: &ast::Mod, optimize: i32) -> Optimized {
    optimize_owned(module.clone(), optimize)
}

/// [`optimize`], folding `module` in place.
pub fn optimize_owned(module: ast::Mod, optimize: i32) -> Optimized {
    let mut m = module;
    let future_annotations = match &m {
        ast::Mod::Module(mm) => crate::codegen::has_future_annotations(&mm.body),
        _ => false,
    };
    let mut f = Folder { folded: Vec::new(), optimize, future_annotations, depth: 0 };
    match &mut m {
        ast::Mod::Module(mm) => f.body(&mut mm.body),
        ast::Mod::Interactive(mm) => f.stmts(&mut mm.body),
        ast::Mod::Expression(mm) => f.expr(&mut mm.body),
        ast::Mod::FunctionType(_) => {}
    }
    Optimized { module: m, folded: f.folded }
}

fn is_docstring(body: &[Stmt]) -> bool {
    crate::codegen::docstring(body).is_some()
}

impl Folder {
    fn value(&self, e: &Expr) -> Option<Constant> {
        match e {
            Expr::Constant(c) => Some(constant_value(c, &self.folded)),
            _ => None,
        }
    }

    fn make_const(&mut self, e: &mut Expr, v: Constant) {
        let range = e.range();
        let idx = self.folded.len();
        self.folded.push(v);
        *e = Expr::Constant(ast::ExprConstant { value: ast::Constant::None, kind: Some(format!("\0{idx}")), range });
    }

    fn body(&mut self, body: &mut [Stmt]) {
        let had_doc = is_docstring(body);
        self.stmts(body);
        if !had_doc && is_folded_str_docstring(body, &self.folded) {
            if let Some(Stmt::Expr(st)) = body.first_mut() {
                let value = std::mem::replace(
                    &mut *st.value,
                    Expr::Constant(ast::ExprConstant { value: ast::Constant::None, kind: None, range: st.range }),
                );
                *st.value = Expr::JoinedStr(ast::ExprJoinedStr { values: vec![value], range: st.range });
            }
        }
    }

    fn stmts(&mut self, body: &mut [Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn exprs(&mut self, v: &mut [Expr]) {
        for e in v {
            self.expr(e);
        }
    }

    fn opt(&mut self, e: &mut Option<Box<Expr>>) {
        if let Some(e) = e {
            self.expr(e);
        }
    }

    fn arguments(&mut self, a: &mut ast::Arguments) {
        let fa = self.future_annotations;
        for arg in a.posonlyargs.iter_mut().chain(a.args.iter_mut()) {
            if !fa {
                self.opt(&mut arg.annotation);
            }
        }
        if let Some(v) = &mut a.vararg {
            if !fa {
                self.opt(&mut v.annotation);
            }
        }
        for arg in a.kwonlyargs.iter_mut() {
            if !fa {
                self.opt(&mut arg.annotation);
            }
        }
        for d in a.kw_defaults.iter_mut().flatten() {
            self.expr(d);
        }
        if let Some(v) = &mut a.kwarg {
            if !fa {
                self.opt(&mut v.annotation);
            }
        }
        self.exprs(&mut a.defaults);
    }

    fn type_params(&mut self, tps: &mut [ast::TypeParam]) {
        for tp in tps {
            match tp {
                ast::TypeParam::TypeVar(t) => {
                    self.opt(&mut t.bound);
                    self.opt(&mut t.default_value);
                }
                ast::TypeParam::ParamSpec(t) => self.opt(&mut t.default_value),
                ast::TypeParam::TypeVarTuple(t) => self.opt(&mut t.default_value),
            }
        }
    }

    fn stmt(&mut self, s: &mut Stmt) {
        match s {
            Stmt::FunctionDef(f) => {
                self.type_params(&mut f.type_params);
                self.arguments(&mut f.args);
                self.body(&mut f.body);
                self.exprs(&mut f.decorator_list);
                if !self.future_annotations {
                    self.opt(&mut f.returns);
                }
            }
            Stmt::AsyncFunctionDef(f) => {
                self.type_params(&mut f.type_params);
                self.arguments(&mut f.args);
                self.body(&mut f.body);
                self.exprs(&mut f.decorator_list);
                if !self.future_annotations {
                    self.opt(&mut f.returns);
                }
            }
            Stmt::ClassDef(c) => {
                self.type_params(&mut c.type_params);
                self.exprs(&mut c.bases);
                for k in &mut c.keywords {
                    self.expr(&mut k.value);
                }
                self.body(&mut c.body);
                self.exprs(&mut c.decorator_list);
            }
            Stmt::Return(r) => self.opt(&mut r.value),
            Stmt::Delete(d) => self.exprs(&mut d.targets),
            Stmt::Assign(a) => {
                self.exprs(&mut a.targets);
                self.expr(&mut a.value);
            }
            Stmt::AugAssign(a) => {
                self.expr(&mut a.target);
                self.expr(&mut a.value);
            }
            Stmt::AnnAssign(a) => {
                self.expr(&mut a.target);
                if !self.future_annotations {
                    self.expr(&mut a.annotation);
                }
                self.opt(&mut a.value);
            }
            Stmt::TypeAlias(t) => {
                self.expr(&mut t.name);
                self.type_params(&mut t.type_params);
                self.expr(&mut t.value);
            }
            Stmt::For(f) => {
                self.expr(&mut f.target);
                self.expr(&mut f.iter);
                self.stmts(&mut f.body);
                self.stmts(&mut f.orelse);
                self.fold_iter(&mut f.iter);
            }
            Stmt::AsyncFor(f) => {
                self.expr(&mut f.target);
                self.expr(&mut f.iter);
                self.stmts(&mut f.body);
                self.stmts(&mut f.orelse);
            }
            Stmt::While(w) => {
                self.expr(&mut w.test);
                self.stmts(&mut w.body);
                self.stmts(&mut w.orelse);
            }
            Stmt::If(i) => {
                self.expr(&mut i.test);
                self.stmts(&mut i.body);
                self.stmts(&mut i.orelse);
            }
            Stmt::With(w) => {
                for it in &mut w.items {
                    self.expr(&mut it.context_expr);
                    self.opt(&mut it.optional_vars);
                }
                self.stmts(&mut w.body);
            }
            Stmt::AsyncWith(w) => {
                for it in &mut w.items {
                    self.expr(&mut it.context_expr);
                    self.opt(&mut it.optional_vars);
                }
                self.stmts(&mut w.body);
            }
            Stmt::Raise(r) => {
                self.opt(&mut r.exc);
                self.opt(&mut r.cause);
            }
            Stmt::Match(m) => {
                self.expr(&mut m.subject);
                for c in &mut m.cases {
                    self.pattern(&mut c.pattern);
                    self.opt(&mut c.guard);
                    self.stmts(&mut c.body);
                }
            }
            Stmt::Try(t) => {
                self.stmts(&mut t.body);
                for h in &mut t.handlers {
                    self.opt(&mut h.type_);
                    self.stmts(&mut h.body);
                }
                self.stmts(&mut t.orelse);
                self.stmts(&mut t.finalbody);
            }
            Stmt::TryStar(t) => {
                self.stmts(&mut t.body);
                for h in &mut t.handlers {
                    self.opt(&mut h.type_);
                    self.stmts(&mut h.body);
                }
                self.stmts(&mut t.orelse);
                self.stmts(&mut t.finalbody);
            }
            Stmt::Assert(a) => {
                self.expr(&mut a.test);
                self.opt(&mut a.msg);
            }
            Stmt::Expr(e) => self.expr(&mut e.value),
            Stmt::Import(_) | Stmt::ImportFrom(_) | Stmt::Global(_) | Stmt::Nonlocal(_) | Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => {}
        }
    }

    fn pattern(&mut self, p: &mut Pattern) {
        match p {
            Pattern::MatchValue(v) => self.expr(&mut v.value),
            Pattern::MatchSingleton(_) | Pattern::MatchStar(_) => {}
            Pattern::MatchSequence(s) => s.patterns.iter_mut().for_each(|p| self.pattern(p)),
            Pattern::MatchMapping(m) => {
                self.exprs(&mut m.keys);
                m.patterns.iter_mut().for_each(|p| self.pattern(p));
            }
            Pattern::MatchClass(c) => {
                self.expr(&mut c.cls);
                c.patterns.iter_mut().for_each(|p| self.pattern(p));
                c.kwd_patterns.iter_mut().for_each(|p| self.pattern(p));
            }
            Pattern::MatchAs(a) => {
                if let Some(p) = &mut a.pattern {
                    self.pattern(p);
                }
            }
            Pattern::MatchOr(o) => o.patterns.iter_mut().for_each(|p| self.pattern(p)),
        }
    }

    fn comprehensions(&mut self, gens: &mut [ast::Comprehension]) {
        for g in gens {
            self.expr(&mut g.target);
            self.expr(&mut g.iter);
            self.exprs(&mut g.ifs);
            self.fold_iter(&mut g.iter);
        }
    }

    fn expr(&mut self, e: &mut Expr) {
        if self.depth > MAX_DEPTH {
            return;
        }
        self.depth += 1;
        self.expr_inner(e);
        self.depth -= 1;
    }

    fn expr_inner(&mut self, e: &mut Expr) {
        match e {
            Expr::BoolOp(b) => self.exprs(&mut b.values),
            Expr::BinOp(b) => {
                self.expr(&mut b.left);
                self.expr(&mut b.right);
                self.fold_binop(e);
            }
            Expr::UnaryOp(u) => {
                self.expr(&mut u.operand);
                self.fold_unaryop(e);
            }
            Expr::Lambda(l) => {
                self.arguments(&mut l.args);
                self.expr(&mut l.body);
            }
            Expr::IfExp(i) => {
                self.expr(&mut i.test);
                self.expr(&mut i.body);
                self.expr(&mut i.orelse);
            }
            Expr::Dict(d) => {
                for k in d.keys.iter_mut().flatten() {
                    self.expr(k);
                }
                self.exprs(&mut d.values);
            }
            Expr::Set(s) => self.exprs(&mut s.elts),
            Expr::ListComp(c) => {
                self.expr(&mut c.elt);
                self.comprehensions(&mut c.generators);
            }
            Expr::SetComp(c) => {
                self.expr(&mut c.elt);
                self.comprehensions(&mut c.generators);
            }
            Expr::DictComp(c) => {
                self.expr(&mut c.key);
                self.expr(&mut c.value);
                self.comprehensions(&mut c.generators);
            }
            Expr::GeneratorExp(c) => {
                self.expr(&mut c.elt);
                self.comprehensions(&mut c.generators);
            }
            Expr::Await(a) => self.expr(&mut a.value),
            Expr::Yield(y) => self.opt(&mut y.value),
            Expr::YieldFrom(y) => self.expr(&mut y.value),
            Expr::Compare(c) => {
                self.expr(&mut c.left);
                self.exprs(&mut c.comparators);
                let i = c.ops.len() - 1;
                if matches!(c.ops[i], CmpOp::In | CmpOp::NotIn) {
                    self.fold_iter(&mut c.comparators[i]);
                }
            }
            Expr::Call(c) => {
                self.expr(&mut c.func);
                self.exprs(&mut c.args);
                for k in &mut c.keywords {
                    self.expr(&mut k.value);
                }
            }
            Expr::FormattedValue(f) => {
                self.expr(&mut f.value);
                self.opt(&mut f.format_spec);
            }
            Expr::JoinedStr(j) => self.exprs(&mut j.values),
            Expr::Attribute(a) => self.expr(&mut a.value),
            Expr::Subscript(s) => {
                self.expr(&mut s.value);
                self.expr(&mut s.slice);
                if s.ctx == ExprContext::Load {
                    if let (Some(v), Some(i)) = (self.value(&s.value), self.value(&s.slice)) {
                        if let Some(r) = fold::subscript(&v, &i) {
                            self.make_const(e, r);
                        }
                    }
                }
            }
            Expr::Starred(s) => self.expr(&mut s.value),
            Expr::Slice(s) => {
                self.opt(&mut s.lower);
                self.opt(&mut s.upper);
                self.opt(&mut s.step);
            }
            Expr::List(l) => self.exprs(&mut l.elts),
            Expr::Tuple(t) => {
                self.exprs(&mut t.elts);
                if t.ctx == ExprContext::Load {
                    if let Some(v) = self.const_tuple(&t.elts) {
                        self.make_const(e, v);
                    }
                }
            }
            Expr::Name(n) => {
                if n.ctx == ExprContext::Load && n.id == "__debug__" {
                    let v = Constant::Bool(self.optimize == 0);
                    self.make_const(e, v);
                }
            }
            Expr::NamedExpr(n) => self.expr(&mut n.value),
            Expr::Constant(_) => {}
        }
    }

    fn const_tuple(&self, elts: &[Expr]) -> Option<Constant> {
        let v: Option<Vec<Constant>> = elts.iter().map(|x| self.value(x)).collect();
        v.map(Constant::tuple)
    }

    /// `fold_iter`: a literal list becomes a tuple, constant ones (and constant sets)
    /// constants.
    fn fold_iter(&mut self, e: &mut Expr) {
        match e {
            Expr::List(l) => {
                if l.elts.iter().any(|x| matches!(x, Expr::Starred(_))) {
                    return;
                }
                let elts = std::mem::take(&mut l.elts);
                let (ctx, range) = (l.ctx, l.range);
                *e = Expr::Tuple(ast::ExprTuple { elts, ctx, range });
                let Expr::Tuple(t) = &*e else { unreachable!() };
                if let Some(v) = self.const_tuple(&t.elts) {
                    self.make_const(e, v);
                }
            }
            Expr::Set(s) => {
                if let Some(Constant::Tuple(items)) = self.const_tuple(&s.elts) {
                    let out = crate::unit::frozenset_items(items.iter().cloned());
                    self.make_const(e, Constant::FrozenSet(out.into()));
                }
            }
            _ => {}
        }
    }

    fn fold_unaryop(&mut self, e: &mut Expr) {
        let Expr::UnaryOp(u) = e else { return };
        if let Some(v) = self.value(&u.operand) {
            if let Some(r) = fold::unary(u.op, &v) {
                self.make_const(e, r);
            }
            return;
        }
        if u.op == UnaryOp::Not {
            if let Expr::Compare(c) = &*u.operand {
                if c.ops.len() == 1 {
                    let new = match c.ops[0] {
                        CmpOp::Is => Some(CmpOp::IsNot),
                        CmpOp::IsNot => Some(CmpOp::Is),
                        CmpOp::In => Some(CmpOp::NotIn),
                        CmpOp::NotIn => Some(CmpOp::In),
                        _ => None,
                    };
                    if let Some(op) = new {
                        let Expr::UnaryOp(u) = std::mem::replace(e, Expr::Constant(dummy())) else { unreachable!() };
                        let Expr::Compare(mut c) = *u.operand else { unreachable!() };
                        c.ops[0] = op;
                        *e = Expr::Compare(c);
                    }
                }
            }
        }
    }

    fn fold_binop(&mut self, e: &mut Expr) {
        let Expr::BinOp(b) = e else { return };
        let Some(lv) = self.value(&b.left) else { return };
        if b.op == Operator::Mod {
            if let (Constant::Str { value, .. }, Expr::Tuple(t)) = (&lv, &*b.right) {
                if !t.elts.iter().any(|x| matches!(x, Expr::Starred(_))) {
                    let fmt = value.clone();
                    self.optimize_format(e, &fmt);
                    return;
                }
            }
        }
        let Expr::BinOp(b) = e else { return };
        let Some(rv) = self.value(&b.right) else { return };
        if let Some(r) = fold::binary(b.op, &lv, &rv) {
            self.make_const(e, r);
        }
    }

    /// `optimize_format`: `'a%sb%r' % (x, y)` → `f'a{x!s}b{y!r}'`.
    fn optimize_format(&mut self, e: &mut Expr, fmt: &PyStr) {
        let Expr::BinOp(b) = e else { return };
        let Expr::Tuple(t) = &*b.right else { return };
        let cps: Vec<u32> = fmt.code_points().collect();
        let n = cps.len();
        let mut pos = 0;
        let mut cnt = 0;
        // (literal text) or (element index, conversion, spec)
        enum Part {
            Lit(Vec<u32>),
            Fmt(usize, u32, Option<String>),
        }
        let mut parts = Vec::new();
        loop {
            let start = pos;
            let mut lit = Vec::new();
            while pos < n {
                if cps[pos] != '%' as u32 {
                    lit.push(cps[pos]);
                    pos += 1;
                } else if pos + 1 < n && cps[pos + 1] == '%' as u32 {
                    lit.push('%' as u32);
                    pos += 2;
                } else {
                    break;
                }
            }
            if pos != start {
                parts.push(Part::Lit(lit));
            }
            if pos >= n {
                break;
            }
            if cnt >= t.elts.len() {
                return;
            }
            pos += 1;
            match parse_format(&cps, &mut pos) {
                Some((spec, fspec)) => parts.push(Part::Fmt(cnt, spec, fspec)),
                None => return,
            }
            cnt += 1;
        }
        if cnt < t.elts.len() {
            return;
        }
        let range = b.range;
        let Expr::BinOp(b) = std::mem::replace(e, Expr::Constant(dummy())) else { unreachable!() };
        let Expr::Tuple(t) = *b.right else { unreachable!() };
        let mut elts: Vec<Option<Expr>> = t.elts.into_iter().map(Some).collect();
        let mut values = Vec::new();
        for p in parts {
            match p {
                Part::Lit(cps) => {
                    let s = PyStr::from_code_points(cps).unwrap_or_default();
                    let idx = self.folded.len();
                    self.folded.push(Constant::str(s));
                    values.push(Expr::Constant(ast::ExprConstant {
                        value: ast::Constant::None,
                        kind: Some(format!("\0{idx}")),
                        range: NO_RANGE,
                    }));
                }
                Part::Fmt(i, spec, fspec) => {
                    let arg = elts[i].take().expect("each element used once");
                    let r = arg.range();
                    let format_spec = fspec.map(|s| {
                        let idx = self.folded.len();
                        self.folded.push(Constant::str(s.as_str()));
                        Box::new(Expr::Constant(ast::ExprConstant {
                            value: ast::Constant::None,
                            kind: Some(format!("\0{idx}")),
                            range: NO_RANGE,
                        }))
                    });
                    values.push(Expr::FormattedValue(ast::ExprFormattedValue {
                        value: Box::new(arg),
                        conversion: spec as i32,
                        format_spec,
                        range: r,
                    }));
                }
            }
        }
        *e = Expr::JoinedStr(ast::ExprJoinedStr { values, range });
    }
}

fn dummy() -> ast::ExprConstant {
    ast::ExprConstant { value: ast::Constant::None, kind: None, range: TextRange::default() }
}

fn is_folded_str_docstring(body: &[Stmt], folded: &[Constant]) -> bool {
    if let Some(Stmt::Expr(e)) = body.first() {
        if let Expr::Constant(c) = &*e.value {
            if let Some(i) = folded_index(&c.kind) {
                return matches!(folded[i], Constant::Str { .. });
            }
        }
    }
    false
}

/// `simple_format_arg_parse` + `parse_format`: `(conversion char, format spec)` for a
/// `%s`/`%r`/`%a` unit with optional flags, width and precision (at most 2 digits each).
fn parse_format(cps: &[u32], pos: &mut usize) -> Option<(u32, Option<String>)> {
    let len = cps.len();
    let mut p = *pos;
    let mut next = || -> Option<u32> {
        if p >= len {
            return None;
        }
        let c = cps[p];
        p += 1;
        Some(c)
    };
    let mut ljust = false;
    let mut ch;
    loop {
        ch = next()?;
        match char::from_u32(ch) {
            Some('-') => ljust = true,
            Some('+') | Some(' ') | Some('#') | Some('0') => {}
            _ => break,
        }
    }
    let is_digit = |c: u32| ('0' as u32..='9' as u32).contains(&c);
    let mut width: i32 = -1;
    let mut prec: i32 = -1;
    if is_digit(ch) {
        width = 0;
        let mut digits = 0;
        while is_digit(ch) {
            width = width * 10 + (ch - '0' as u32) as i32;
            ch = next()?;
            digits += 1;
            if digits >= 3 {
                return None;
            }
        }
    }
    if ch == '.' as u32 {
        ch = next()?;
        prec = 0;
        let mut digits = 0;
        while is_digit(ch) {
            prec = prec * 10 + (ch - '0' as u32) as i32;
            ch = next()?;
            digits += 1;
            if digits >= 3 {
                return None;
            }
        }
    }
    *pos = p;
    if ch == 's' as u32 || ch == 'r' as u32 || ch == 'a' as u32 {
        let mut spec = String::new();
        if !ljust && width > 0 {
            spec.push('>');
        }
        if width >= 0 {
            spec.push_str(&width.to_string());
        }
        if prec >= 0 {
            spec.push_str(&format!(".{prec}"));
        }
        return Some((ch, if spec.is_empty() { None } else { Some(spec) }));
    }
    None
}
