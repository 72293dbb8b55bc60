//! Expressions: compile.c's `compiler_visit_expr` and its helpers (names, calls with the
//! method-call and `super()` optimisations, star-unpacking builders, comparisons, jumps on
//! conditions, f-strings, subscripts and slices).

use taipan_bytecode::{Constant, Opcode, PyStr};
use taipan_parser::ast::{self, CmpOp, Expr, ExprContext, Operator, UnaryOp};

use super::scopes::{self, Sc};
use super::{loc_of, CResult, Compiler, UnitKind, NO_LOC};
use crate::instr_sequence::{Label, Location};

/// `STACK_USE_GUIDELINE`.
pub const STACK_USE_GUIDELINE: usize = 30;

pub fn binop_arg(op: Operator, inplace: bool) -> i32 {
    let base = match op {
        Operator::Add => 0,
        Operator::BitAnd => 1,
        Operator::FloorDiv => 2,
        Operator::LShift => 3,
        Operator::MatMult => 4,
        Operator::Mult => 5,
        Operator::Mod => 6,
        Operator::BitOr => 7,
        Operator::Pow => 8,
        Operator::RShift => 9,
        Operator::Sub => 10,
        Operator::Div => 11,
        Operator::BitXor => 12,
    };
    if inplace {
        base + 13
    } else {
        base
    }
}

enum NameOp {
    Fast,
    Global,
    Deref,
    Name,
}

impl<'a> Compiler<'a> {
    /// The constant value of `e` if it is a (possibly folded) constant.
    pub fn const_value(&self, e: &Expr) -> Option<Constant> {
        match e {
            Expr::Constant(c) => Some(crate::ast_opt::constant_value(c, self.folded)),
            _ => None,
        }
    }

    pub fn visit_exprs(&mut self, v: &'a [Expr]) -> CResult<()> {
        for e in v {
            self.visit_expr(e)?;
        }
        Ok(())
    }

    pub fn visit_expr(&mut self, e: &'a Expr) -> CResult<()> {
        let loc = loc_of(e.range());
        match e {
            Expr::NamedExpr(n) => {
                self.visit_expr(&n.value)?;
                self.addop_i(Opcode::COPY, 1, loc);
                self.visit_expr(&n.target)?;
            }
            Expr::BoolOp(b) => {
                let end = self.new_label();
                let jump = if b.op == ast::BoolOp::And { Opcode::POP_JUMP_IF_FALSE } else { Opcode::POP_JUMP_IF_TRUE };
                let n = b.values.len();
                for v in &b.values[..n - 1] {
                    self.visit_expr(v)?;
                    self.addop_i(Opcode::COPY, 1, loc);
                    self.addop(Opcode::TO_BOOL, loc);
                    self.addop_jump(jump, end, loc);
                    self.addop(Opcode::POP_TOP, loc);
                }
                self.visit_expr(&b.values[n - 1])?;
                self.use_label(end);
            }
            Expr::BinOp(b) => {
                self.visit_expr(&b.left)?;
                self.visit_expr(&b.right)?;
                self.addop_i(Opcode::BINARY_OP, binop_arg(b.op, false), loc);
            }
            Expr::UnaryOp(u) => {
                self.visit_expr(&u.operand)?;
                match u.op {
                    UnaryOp::USub => self.addop(Opcode::UNARY_NEGATIVE, loc),
                    UnaryOp::Invert => self.addop(Opcode::UNARY_INVERT, loc),
                    UnaryOp::Not => {
                        self.addop(Opcode::TO_BOOL, loc);
                        self.addop(Opcode::UNARY_NOT, loc);
                    }
                    UnaryOp::UAdd => self.addop_i(Opcode::CALL_INTRINSIC_1, 5, loc),
                }
            }
            Expr::Lambda(l) => self.compile_lambda(l)?,
            Expr::IfExp(i) => {
                let end = self.new_label();
                let next = self.new_label();
                self.jump_if(loc, &i.test, next, false)?;
                self.visit_expr(&i.body)?;
                self.addop_jump(Opcode::JUMP_NO_INTERRUPT, end, NO_LOC);
                self.use_label(next);
                self.visit_expr(&i.orelse)?;
                self.use_label(end);
            }
            Expr::Dict(d) => self.compile_dict(d, loc)?,
            Expr::Set(s) => self.starunpack_helper(loc, &s.elts, 0, Opcode::BUILD_SET, Opcode::SET_ADD, Opcode::SET_UPDATE, false)?,
            Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::GeneratorExp(_) => self.compile_comprehension(e)?,
            Expr::Yield(y) => {
                if !self.in_function() {
                    return Err(self.error(loc, "'yield' outside function"));
                }
                match &y.value {
                    Some(v) => self.visit_expr(v)?,
                    None => self.load_const(Constant::None, loc),
                }
                self.addop_yield(loc);
            }
            Expr::YieldFrom(y) => {
                if !self.in_function() {
                    return Err(self.error(loc, "'yield from' outside function"));
                }
                if self.ur().kind == UnitKind::AsyncFunction {
                    return Err(self.error(loc, "'yield from' inside async function"));
                }
                self.visit_expr(&y.value)?;
                self.addop(Opcode::GET_YIELD_FROM_ITER, loc);
                self.load_const(Constant::None, loc);
                self.add_yield_from(loc, false);
            }
            Expr::Await(a) => {
                if !self.in_function() {
                    return Err(self.error(loc, "'await' outside function"));
                }
                if !matches!(self.ur().kind, UnitKind::AsyncFunction | UnitKind::Comprehension) {
                    return Err(self.error(loc, "'await' outside async function"));
                }
                self.visit_expr(&a.value)?;
                self.addop_i(Opcode::GET_AWAITABLE, 0, loc);
                self.load_const(Constant::None, loc);
                self.add_yield_from(loc, true);
            }
            Expr::Compare(c) => self.compile_compare(c, loc)?,
            Expr::Call(c) => self.compile_call(c, loc)?,
            Expr::Constant(c) => self.load_const(crate::ast_opt::constant_value(c, self.folded), loc),
            Expr::JoinedStr(j) => self.compile_joined_str(j, loc)?,
            Expr::FormattedValue(f) => self.compile_formatted_value(f, loc)?,
            Expr::Attribute(a) => {
                if a.ctx == ExprContext::Load && self.can_optimize_super_call(a) {
                    let Expr::Call(call) = &*a.value else { unreachable!() };
                    self.load_args_for_super(call)?;
                    let (op_bits, name) = (if call.args.is_empty() { 0 } else { 2 }, &a.attr);
                    let idx = self.add_name(name);
                    self.addop_i(Opcode::LOAD_SUPER_ATTR, (idx << 2) | op_bits, loc);
                    let l2 = update_start_location_to_match_attr(loc, a);
                    self.addop(Opcode::NOP, l2);
                    return Ok(());
                }
                self.maybe_add_static_attribute(a);
                self.visit_expr(&a.value)?;
                let l2 = update_start_location_to_match_attr(loc, a);
                let idx = self.add_name(&a.attr);
                match a.ctx {
                    ExprContext::Load => self.addop_i(Opcode::LOAD_ATTR, idx << 1, l2),
                    ExprContext::Store => {
                        self.forbidden_name(l2, &a.attr, ExprContext::Store)?;
                        self.addop_i(Opcode::STORE_ATTR, idx, l2)
                    }
                    ExprContext::Del => self.addop_i(Opcode::DELETE_ATTR, idx, l2),
                }
            }
            Expr::Subscript(s) => {
                if s.ctx == ExprContext::Load {
                    self.check_subscript(&s.value, &s.slice, loc);
                }
                self.visit_expr(&s.value)?;
                if is_two_element_slice(&s.slice) && s.ctx != ExprContext::Del {
                    let Expr::Slice(sl) = &*s.slice else { unreachable!() };
                    self.compile_slice(sl, loc_of(sl.range))?;
                    if s.ctx == ExprContext::Load {
                        self.addop(Opcode::BINARY_SLICE, loc);
                    } else {
                        self.addop(Opcode::STORE_SLICE, loc);
                    }
                } else {
                    self.visit_expr(&s.slice)?;
                    let op = match s.ctx {
                        ExprContext::Load => Opcode::BINARY_SUBSCR,
                        ExprContext::Store => Opcode::STORE_SUBSCR,
                        ExprContext::Del => Opcode::DELETE_SUBSCR,
                    };
                    self.addop(op, loc);
                }
            }
            Expr::Starred(s) => {
                return Err(self.error(
                    loc,
                    if s.ctx == ExprContext::Store {
                        "starred assignment target must be in a list or tuple"
                    } else {
                        "can't use starred expression here"
                    },
                ));
            }
            Expr::Slice(s) => {
                let n = self.compile_slice(s, loc)?;
                self.addop_i(Opcode::BUILD_SLICE, n, loc);
            }
            Expr::Name(n) => self.nameop_loc(&n.id, n.ctx, loc)?,
            Expr::List(l) => match l.ctx {
                ExprContext::Store => self.assignment_helper(&l.elts, loc)?,
                ExprContext::Load => self.starunpack_helper(
                    loc,
                    &l.elts,
                    0,
                    Opcode::BUILD_LIST,
                    Opcode::LIST_APPEND,
                    Opcode::LIST_EXTEND,
                    false,
                )?,
                ExprContext::Del => self.visit_exprs(&l.elts)?,
            },
            Expr::Tuple(t) => match t.ctx {
                ExprContext::Store => self.assignment_helper(&t.elts, loc)?,
                ExprContext::Load => self.starunpack_helper(
                    loc,
                    &t.elts,
                    0,
                    Opcode::BUILD_LIST,
                    Opcode::LIST_APPEND,
                    Opcode::LIST_EXTEND,
                    true,
                )?,
                ExprContext::Del => self.visit_exprs(&t.elts)?,
            },
        }
        Ok(())
    }

    pub fn in_function(&self) -> bool {
        let s = self.cur_scope();
        s.is_function_like() && self.ur().kind != UnitKind::Module && self.ur().kind != UnitKind::Class
    }

    pub fn addop_yield(&mut self, loc: Location) {
        let s = self.cur_scope();
        if s.is_generator && s.is_coroutine {
            self.addop_i(Opcode::CALL_INTRINSIC_1, 4, loc); // INTRINSIC_ASYNC_GEN_WRAP
        }
        self.addop_i(Opcode::YIELD_VALUE, 0, loc);
        self.addop_i(Opcode::RESUME, 1, loc);
    }

    /// `compiler_add_yield_from`.
    pub fn add_yield_from(&mut self, loc: Location, is_await: bool) {
        let send = self.new_label();
        let fail = self.new_label();
        let exit = self.new_label();
        self.use_label(send);
        self.addop_jump(Opcode::SEND, exit, loc);
        self.addop_jump(Opcode::SETUP_FINALLY, fail, loc);
        self.addop_i(Opcode::YIELD_VALUE, 1, loc);
        self.addop(Opcode::POP_BLOCK, NO_LOC);
        self.addop_i(Opcode::RESUME, if is_await { 3 } else { 2 }, loc);
        self.addop_jump(Opcode::JUMP_NO_INTERRUPT, send, loc);
        self.use_label(fail);
        self.addop(Opcode::CLEANUP_THROW, loc);
        self.use_label(exit);
        self.addop(Opcode::END_SEND, loc);
    }

    // ---- names ----
    pub fn nameop(&mut self, name: &str, ctx: ExprContext, loc: Location) -> CResult<()> {
        self.nameop_loc(name, ctx, loc)
    }

    pub fn nameop_loc(&mut self, name: &str, ctx: ExprContext, loc: Location) -> CResult<()> {
        self.forbidden_name(loc, name, ctx)?;
        let mangled = self.mangle(name);
        let sc = self.resolve_scope(&mangled);
        let unit_fn_like = self.in_function();
        let in_class = self.ur().kind == UnitKind::Class;
        let in_comp = self.ur().in_inlined_comp > 0;
        let op = match sc {
            Sc::Free | Sc::Cell => NameOp::Deref,
            Sc::Local if unit_fn_like || self.ur().fasthidden_active.contains(&mangled) => NameOp::Fast,
            Sc::GlobalImplicit if unit_fn_like || (in_class && in_comp) => NameOp::Global,
            Sc::GlobalExplicit => NameOp::Global,
            _ => NameOp::Name,
        };
        match op {
            NameOp::Deref => {
                let idx = if sc == Sc::Cell {
                    self.u().meta.cellvars.insert_str(&mangled)
                } else {
                    let ncell = self.ur().meta.cellvars.len();
                    self.u().meta.freevars.insert_str(&mangled) + ncell
                } as i32;
                let opc = match ctx {
                    ExprContext::Load => {
                        if in_class && !in_comp {
                            self.addop(Opcode::LOAD_LOCALS, loc);
                            Opcode::LOAD_FROM_DICT_OR_DEREF
                        } else if self.cur_scope().can_see_class_scope {
                            let cd = self.free_index("__classdict__");
                            self.addop_i(Opcode::LOAD_DEREF, cd, loc);
                            Opcode::LOAD_FROM_DICT_OR_DEREF
                        } else {
                            Opcode::LOAD_DEREF
                        }
                    }
                    ExprContext::Store => Opcode::STORE_DEREF,
                    ExprContext::Del => Opcode::DELETE_DEREF,
                };
                self.addop_i(opc, idx, loc);
            }
            NameOp::Fast => {
                let idx = self.u().meta.varnames.insert_str(&mangled) as i32;
                let opc = match ctx {
                    ExprContext::Load => Opcode::LOAD_FAST,
                    ExprContext::Store => Opcode::STORE_FAST,
                    ExprContext::Del => Opcode::DELETE_FAST,
                };
                self.addop_i(opc, idx, loc);
            }
            NameOp::Global => {
                let idx = self.u().meta.names.insert_str(&mangled) as i32;
                match ctx {
                    ExprContext::Load if sc == Sc::GlobalImplicit && self.cur_scope().can_see_class_scope => {
                        let cd = self.free_index("__classdict__");
                        self.addop_i(Opcode::LOAD_DEREF, cd, loc);
                        self.addop_i(Opcode::LOAD_FROM_DICT_OR_GLOBALS, idx, loc);
                    }
                    ExprContext::Load => self.addop_i(Opcode::LOAD_GLOBAL, idx << 1, loc),
                    ExprContext::Store => self.addop_i(Opcode::STORE_GLOBAL, idx, loc),
                    ExprContext::Del => self.addop_i(Opcode::DELETE_GLOBAL, idx, loc),
                }
            }
            NameOp::Name => {
                let idx = self.u().meta.names.insert_str(&mangled) as i32;
                let opc = match ctx {
                    ExprContext::Load => Opcode::LOAD_NAME,
                    ExprContext::Store => Opcode::STORE_NAME,
                    ExprContext::Del => Opcode::DELETE_NAME,
                };
                self.addop_i(opc, idx, loc);
            }
        }
        Ok(())
    }

    /// The DEREF index of a free variable (cells come first).
    fn free_index(&mut self, name: &str) -> i32 {
        let p = PyStr::new(name);
        let ncell = self.ur().meta.cellvars.len();
        let u = self.u();
        (ncell
            + match u.meta.freevars.get(&p) {
                Some(i) => i,
                None => u.meta.freevars.insert(p),
            }) as i32
    }

    // ---- collections ----
    #[allow(clippy::too_many_arguments)]
    pub fn starunpack_helper(
        &mut self,
        loc: Location,
        elts: &'a [Expr],
        pushed: i32,
        build: Opcode,
        add: Opcode,
        extend: Opcode,
        tuple: bool,
    ) -> CResult<()> {
        let n = elts.len();
        if n > 2 {
            let consts: Option<Vec<Constant>> = elts.iter().map(|e| self.const_value(e)).collect();
            if let Some(items) = consts {
                if tuple && pushed == 0 {
                    self.load_const(Constant::tuple(items), loc);
                } else {
                    let folded = if add == Opcode::SET_ADD {
                        Constant::FrozenSet(dedup_set(items).into())
                    } else {
                        Constant::tuple(items)
                    };
                    self.addop_i(build, pushed, loc);
                    self.load_const(folded, loc);
                    self.addop_i(extend, 1, loc);
                    if tuple {
                        self.addop_i(Opcode::CALL_INTRINSIC_1, 6, loc);
                    }
                }
                return Ok(());
            }
        }
        let big = n + pushed as usize > STACK_USE_GUIDELINE;
        let seen_star = elts.iter().any(|e| matches!(e, Expr::Starred(_)));
        if !seen_star && !big {
            for e in elts {
                self.visit_expr(e)?;
            }
            self.addop_i(if tuple { Opcode::BUILD_TUPLE } else { build }, n as i32 + pushed, loc);
            return Ok(());
        }
        let mut built = false;
        if big {
            self.addop_i(build, pushed, loc);
            built = true;
        }
        for (i, e) in elts.iter().enumerate() {
            if let Expr::Starred(s) = e {
                if !built {
                    self.addop_i(build, i as i32 + pushed, loc);
                    built = true;
                }
                self.visit_expr(&s.value)?;
                self.addop_i(extend, 1, loc);
            } else {
                self.visit_expr(e)?;
                if built {
                    self.addop_i(add, 1, loc);
                }
            }
        }
        if tuple {
            self.addop_i(Opcode::CALL_INTRINSIC_1, 6, loc);
        }
        Ok(())
    }

    /// `assignment_helper`: UNPACK_SEQUENCE / UNPACK_EX then store each target.
    pub fn assignment_helper(&mut self, elts: &'a [Expr], loc: Location) -> CResult<()> {
        let n = elts.len();
        let mut seen_star = false;
        for (i, e) in elts.iter().enumerate() {
            if matches!(e, Expr::Starred(_)) && !seen_star {
                if i >= (1 << 8) || n - i - 1 >= (i32::MAX >> 8) as usize {
                    return Err(self.error(loc, "too many expressions in star-unpacking assignment"));
                }
                self.addop_i(Opcode::UNPACK_EX, (i + ((n - i - 1) << 8)) as i32, loc);
                seen_star = true;
            } else if matches!(e, Expr::Starred(_)) {
                return Err(self.error(loc, "multiple starred expressions in assignment"));
            }
        }
        if !seen_star {
            self.addop_i(Opcode::UNPACK_SEQUENCE, n as i32, loc);
        }
        for e in elts {
            let t = if let Expr::Starred(s) = e { &*s.value } else { e };
            self.visit_expr(t)?;
        }
        Ok(())
    }

    fn compile_subdict(&mut self, d: &'a ast::ExprDict, begin: usize, end: usize, loc: Location) -> CResult<()> {
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            let keys: Option<Vec<Constant>> =
                d.keys[begin..end].iter().map(|k| k.as_ref().and_then(|k| self.const_value(k))).collect();
            if let Some(keys) = keys {
                for v in &d.values[begin..end] {
                    self.visit_expr(v)?;
                }
                self.load_const(Constant::tuple(keys), loc);
                self.addop_i(Opcode::BUILD_CONST_KEY_MAP, n as i32, loc);
                return Ok(());
            }
        }
        if big {
            self.addop_i(Opcode::BUILD_MAP, 0, loc);
        }
        for i in begin..end {
            if let Some(k) = &d.keys[i] {
                self.visit_expr(k)?;
            }
            self.visit_expr(&d.values[i])?;
            if big {
                self.addop_i(Opcode::MAP_ADD, 1, loc);
            }
        }
        if !big {
            self.addop_i(Opcode::BUILD_MAP, n as i32, loc);
        }
        Ok(())
    }

    fn compile_dict(&mut self, d: &'a ast::ExprDict, loc: Location) -> CResult<()> {
        let n = d.values.len();
        let mut have_dict = false;
        let mut elements = 0;
        for i in 0..n {
            if d.keys[i].is_none() {
                if elements > 0 {
                    self.compile_subdict(d, i - elements, i, loc)?;
                    if have_dict {
                        self.addop_i(Opcode::DICT_UPDATE, 1, loc);
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.addop_i(Opcode::BUILD_MAP, 0, loc);
                    have_dict = true;
                }
                self.visit_expr(&d.values[i])?;
                self.addop_i(Opcode::DICT_UPDATE, 1, loc);
            } else if elements * 2 > STACK_USE_GUIDELINE {
                self.compile_subdict(d, i - elements, i + 1, loc)?;
                if have_dict {
                    self.addop_i(Opcode::DICT_UPDATE, 1, loc);
                }
                have_dict = true;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if elements > 0 {
            self.compile_subdict(d, n - elements, n, loc)?;
            if have_dict {
                self.addop_i(Opcode::DICT_UPDATE, 1, loc);
            }
            have_dict = true;
        }
        if !have_dict {
            self.addop_i(Opcode::BUILD_MAP, 0, loc);
        }
        Ok(())
    }

    // ---- comparisons and conditions ----
    pub fn addop_compare(&mut self, op: CmpOp, loc: Location) {
        let (opc, arg) = match op {
            CmpOp::Is => (Opcode::IS_OP, 0),
            CmpOp::IsNot => (Opcode::IS_OP, 1),
            CmpOp::In => (Opcode::CONTAINS_OP, 0),
            CmpOp::NotIn => (Opcode::CONTAINS_OP, 1),
            CmpOp::Lt => (Opcode::COMPARE_OP, 2),
            CmpOp::LtE => (Opcode::COMPARE_OP, (1 << 5) | 10),
            CmpOp::Eq => (Opcode::COMPARE_OP, (2 << 5) | 8),
            CmpOp::NotEq => (Opcode::COMPARE_OP, (3 << 5) | 7),
            CmpOp::Gt => (Opcode::COMPARE_OP, (4 << 5) | 4),
            CmpOp::GtE => (Opcode::COMPARE_OP, (5 << 5) | 12),
        };
        self.addop_i(opc, arg, loc);
    }

    fn compile_compare(&mut self, c: &'a ast::ExprCompare, loc: Location) -> CResult<()> {
        self.check_compare(&c.left, &c.ops, &c.comparators, loc);
        self.visit_expr(&c.left)?;
        let n = c.ops.len() - 1;
        if n == 0 {
            self.visit_expr(&c.comparators[0])?;
            self.addop_compare(c.ops[0], loc);
            return Ok(());
        }
        let cleanup = self.new_label();
        for i in 0..n {
            self.visit_expr(&c.comparators[i])?;
            self.addop_i(Opcode::SWAP, 2, loc);
            self.addop_i(Opcode::COPY, 2, loc);
            self.addop_compare(c.ops[i], loc);
            self.addop_i(Opcode::COPY, 1, loc);
            self.addop(Opcode::TO_BOOL, loc);
            self.addop_jump(Opcode::POP_JUMP_IF_FALSE, cleanup, loc);
            self.addop(Opcode::POP_TOP, loc);
        }
        self.visit_expr(&c.comparators[n])?;
        self.addop_compare(c.ops[n], loc);
        let end = self.new_label();
        self.addop_jump(Opcode::JUMP_NO_INTERRUPT, end, NO_LOC);
        self.use_label(cleanup);
        self.addop_i(Opcode::SWAP, 2, loc);
        self.addop(Opcode::POP_TOP, loc);
        self.use_label(end);
        Ok(())
    }

    /// `compiler_jump_if`.
    pub fn jump_if(&mut self, loc: Location, e: &'a Expr, next: Label, cond: bool) -> CResult<()> {
        match e {
            Expr::UnaryOp(u) if u.op == UnaryOp::Not => return self.jump_if(loc, &u.operand, next, !cond),
            Expr::BoolOp(b) => {
                let n = b.values.len() - 1;
                let cond2 = b.op == ast::BoolOp::Or;
                let mut next2 = next;
                if cond2 != cond {
                    next2 = self.new_label();
                }
                for v in &b.values[..n] {
                    self.jump_if(loc, v, next2, cond2)?;
                }
                self.jump_if(loc, &b.values[n], next, cond)?;
                if next2 != next {
                    self.use_label(next2);
                }
                return Ok(());
            }
            Expr::IfExp(i) => {
                let end = self.new_label();
                let next2 = self.new_label();
                self.jump_if(loc, &i.test, next2, false)?;
                self.jump_if(loc, &i.body, next, cond)?;
                self.addop_jump(Opcode::JUMP_NO_INTERRUPT, end, NO_LOC);
                self.use_label(next2);
                self.jump_if(loc, &i.orelse, next, cond)?;
                self.use_label(end);
                return Ok(());
            }
            Expr::Compare(c) if c.ops.len() > 1 => {
                let eloc = loc_of(c.range);
                self.check_compare(&c.left, &c.ops, &c.comparators, eloc);
                let n = c.ops.len() - 1;
                let cleanup = self.new_label();
                self.visit_expr(&c.left)?;
                for i in 0..n {
                    self.visit_expr(&c.comparators[i])?;
                    self.addop_i(Opcode::SWAP, 2, eloc);
                    self.addop_i(Opcode::COPY, 2, eloc);
                    self.addop_compare(c.ops[i], eloc);
                    self.addop(Opcode::TO_BOOL, eloc);
                    self.addop_jump(Opcode::POP_JUMP_IF_FALSE, cleanup, eloc);
                }
                self.visit_expr(&c.comparators[n])?;
                self.addop_compare(c.ops[n], eloc);
                self.addop(Opcode::TO_BOOL, eloc);
                self.addop_jump(if cond { Opcode::POP_JUMP_IF_TRUE } else { Opcode::POP_JUMP_IF_FALSE }, next, eloc);
                let end = self.new_label();
                self.addop_jump(Opcode::JUMP_NO_INTERRUPT, end, NO_LOC);
                self.use_label(cleanup);
                self.addop(Opcode::POP_TOP, eloc);
                if !cond {
                    self.addop_jump(Opcode::JUMP_NO_INTERRUPT, next, NO_LOC);
                }
                self.use_label(end);
                return Ok(());
            }
            _ => {}
        }
        self.visit_expr(e)?;
        let eloc = loc_of(e.range());
        self.addop(Opcode::TO_BOOL, eloc);
        self.addop_jump(if cond { Opcode::POP_JUMP_IF_TRUE } else { Opcode::POP_JUMP_IF_FALSE }, next, eloc);
        Ok(())
    }

    // ---- calls ----
    /// `is_import_originated`: the module's symbol flags of the name — which, while an
    /// inlined comprehension is compiled at module level, are temporarily the
    /// comprehension's for names it sees differently.
    fn is_import_originated(&self, e: &Expr) -> bool {
        let Expr::Name(n) = e else { return false };
        if self.ur().scope == 0 {
            if let Some(&cid) = self.ur().inlined_scopes.last() {
                let comp = &self.scopes.scopes[cid];
                if comp.symbols.contains_key(&n.id) {
                    let inner = comp.get_scope(&n.id);
                    let outer = self.scopes.scopes[0].get_scope(&n.id);
                    if inner != outer && inner != Sc::Free && !(inner == Sc::Cell && outer == Sc::Free) {
                        return comp.flags(&n.id) & scopes::DEF_IMPORT != 0;
                    }
                }
            }
        }
        self.scopes.scopes[0].flags(&n.id) & scopes::DEF_IMPORT != 0
    }

    fn compile_call(&mut self, c: &'a ast::ExprCall, loc: Location) -> CResult<()> {
        self.validate_keywords(&c.keywords)?;
        self.check_caller(&c.func, loc_of(c.func.range()));
        if self.maybe_optimize_method_call(c, loc)? {
            return Ok(());
        }
        self.visit_expr(&c.func)?;
        self.addop(Opcode::PUSH_NULL, loc_of(c.func.range()));
        self.call_helper(loc, 0, &c.args, &c.keywords)
    }

    /// `forbidden_name`: `__debug__` cannot be stored or deleted.
    pub fn forbidden_name(&self, loc: Location, name: &str, ctx: ExprContext) -> CResult<()> {
        if name == "__debug__" {
            match ctx {
                ExprContext::Store => return Err(self.error(loc, "cannot assign to __debug__")),
                ExprContext::Del => return Err(self.error(loc, "cannot delete __debug__")),
                ExprContext::Load => {}
            }
        }
        Ok(())
    }

    /// `compiler_check_debug_args`.
    pub fn check_debug_args(&self, a: &ast::Arguments) -> CResult<()> {
        for arg in a.posonlyargs.iter().chain(&a.args).chain(a.vararg.iter()).chain(&a.kwonlyargs).chain(a.kwarg.iter()) {
            self.forbidden_name(loc_of(arg.range), &arg.arg, ExprContext::Store)?;
        }
        Ok(())
    }

    pub fn validate_keywords(&mut self, kws: &[ast::Keyword]) -> CResult<()> {
        for (i, k) in kws.iter().enumerate() {
            if let Some(a) = &k.arg {
                self.forbidden_name(loc_of(k.range), a, ExprContext::Store)?;
                if kws[i + 1..].iter().any(|o| o.arg.as_deref() == Some(a)) {
                    let other = kws[i + 1..].iter().find(|o| o.arg.as_deref() == Some(a)).unwrap();
                    return Err(self.error(loc_of(other.range), &format!("keyword argument repeated: {a}")));
                }
            }
        }
        Ok(())
    }

    fn maybe_optimize_method_call(&mut self, c: &'a ast::ExprCall, eloc: Location) -> CResult<bool> {
        let Expr::Attribute(meth) = &*c.func else { return Ok(false) };
        if meth.ctx != ExprContext::Load || self.is_import_originated(&meth.value) {
            return Ok(false);
        }
        let argsl = c.args.len();
        let kwdsl = c.keywords.len();
        if argsl + kwdsl + (kwdsl != 0) as usize >= STACK_USE_GUIDELINE {
            return Ok(false);
        }
        if c.args.iter().any(|a| matches!(a, Expr::Starred(_))) || c.keywords.iter().any(|k| k.arg.is_none()) {
            return Ok(false);
        }
        let mut loc = loc_of(meth.range);
        if self.can_optimize_super_call(meth) {
            let Expr::Call(call) = &*meth.value else { unreachable!() };
            self.load_args_for_super(call)?;
            let idx = self.add_name(&meth.attr);
            let bits = if call.args.is_empty() { 1 } else { 3 };
            self.addop_i(Opcode::LOAD_SUPER_ATTR, (idx << 2) | bits, loc);
            loc = update_start_location_to_match_attr(loc, meth);
            self.addop(Opcode::NOP, loc);
        } else {
            self.visit_expr(&meth.value)?;
            loc = update_start_location_to_match_attr(loc, meth);
            let idx = self.add_name(&meth.attr);
            self.addop_i(Opcode::LOAD_ATTR, (idx << 1) | 1, loc);
        }
        self.visit_exprs(&c.args)?;
        if kwdsl > 0 {
            for k in &c.keywords {
                self.visit_expr(&k.value)?;
            }
            self.call_simple_kw_helper(loc, &c.keywords);
            let l = update_start_location_to_match_attr(eloc, meth);
            self.addop_i(Opcode::CALL_KW, (argsl + kwdsl) as i32, l);
        } else {
            let l = update_start_location_to_match_attr(eloc, meth);
            self.addop_i(Opcode::CALL, argsl as i32, l);
        }
        Ok(true)
    }

    fn call_simple_kw_helper(&mut self, loc: Location, kws: &[ast::Keyword]) {
        let names: Vec<Constant> = kws.iter().map(|k| Constant::str(k.arg.as_deref().unwrap_or(""))).collect();
        self.load_const(Constant::tuple(names), loc);
    }

    fn can_optimize_super_call(&self, attr: &ast::ExprAttribute) -> bool {
        let Expr::Call(call) = &*attr.value else { return false };
        let Expr::Name(f) = &*call.func else { return false };
        if f.id != "super" || attr.attr == "__class__" || !call.keywords.is_empty() {
            return false;
        }
        let sc = self.lookup_scope("super");
        if sc != Sc::GlobalImplicit {
            return false;
        }
        if self.scopes.scopes[0].get_scope("super") != Sc::Unknown {
            return false;
        }
        if call.args.len() == 2 {
            return !call.args.iter().any(|a| matches!(a, Expr::Starred(_)));
        }
        if !call.args.is_empty() {
            return false;
        }
        let m = &self.ur().meta;
        if m.argcount == 0 && m.posonlyargcount == 0 {
            return false;
        }
        self.lookup_scope("__class__") == Sc::Free
    }

    /// The scope of a name as `compiler_nameop` would resolve it here.
    pub fn lookup_scope(&self, name: &str) -> Sc {
        self.resolve_scope(name)
    }

    /// The scope of an (already mangled) name in the current unit; inside an inlined
    /// comprehension, the comprehension's own scope for the name when it differs
    /// (push_inlined_comprehension_state's temporary symbols).
    pub fn resolve_scope(&self, mangled: &str) -> Sc {
        let outer = self.cur_scope().get_scope(mangled);
        if let Some(&cid) = self.ur().inlined_scopes.last() {
            let comp = &self.scopes.scopes[cid];
            if comp.symbols.contains_key(mangled) {
                let inner = comp.get_scope(mangled);
                let in_class_block = self.ur().kind == UnitKind::Class;
                if (inner != outer && inner != Sc::Free && !(inner == Sc::Cell && outer == Sc::Free)) || in_class_block {
                    return inner;
                }
            }
        }
        outer
    }

    fn load_args_for_super(&mut self, call: &'a ast::ExprCall) -> CResult<()> {
        let Expr::Name(f) = &*call.func else { unreachable!() };
        self.nameop(&f.id, ExprContext::Load, loc_of(f.range))?;
        let loc = loc_of(call.range);
        if call.args.len() == 2 {
            self.visit_expr(&call.args[0])?;
            self.visit_expr(&call.args[1])?;
            return Ok(());
        }
        self.nameop("__class__", ExprContext::Load, loc)?;
        let first = self.ur().meta.varnames.items()[0].as_str().unwrap_or("").to_string();
        // The first argument is already mangled.
        self.nameop_raw_load(&first, loc)
    }

    fn nameop_raw_load(&mut self, name: &str, loc: Location) -> CResult<()> {
        self.nameop(name, ExprContext::Load, loc)
    }

    pub fn call_helper(&mut self, loc: Location, n: i32, args: &'a [Expr], kws: &'a [ast::Keyword]) -> CResult<()> {
        self.validate_keywords(kws)?;
        let nelts = args.len();
        let nkw = kws.len();
        let ex_call = nelts + nkw * 2 > STACK_USE_GUIDELINE
            || args.iter().any(|a| matches!(a, Expr::Starred(_)))
            || kws.iter().any(|k| k.arg.is_none());
        if !ex_call {
            self.visit_exprs(args)?;
            if nkw > 0 {
                for k in kws {
                    self.visit_expr(&k.value)?;
                }
                self.call_simple_kw_helper(loc, kws);
                self.addop_i(Opcode::CALL_KW, n + (nelts + nkw) as i32, loc);
            } else {
                self.addop_i(Opcode::CALL, n + nelts as i32, loc);
            }
            return Ok(());
        }
        if n == 0 && nelts == 1 && matches!(args[0], Expr::Starred(_)) {
            let Expr::Starred(s) = &args[0] else { unreachable!() };
            self.visit_expr(&s.value)?;
        } else {
            self.starunpack_helper(loc, args, n, Opcode::BUILD_LIST, Opcode::LIST_APPEND, Opcode::LIST_EXTEND, true)?;
        }
        if nkw > 0 {
            let mut have_dict = false;
            let mut nseen = 0;
            for (i, k) in kws.iter().enumerate() {
                if k.arg.is_none() {
                    if nseen > 0 {
                        self.subkwargs(loc, kws, i - nseen, i)?;
                        if have_dict {
                            self.addop_i(Opcode::DICT_MERGE, 1, loc);
                        }
                        have_dict = true;
                        nseen = 0;
                    }
                    if !have_dict {
                        self.addop_i(Opcode::BUILD_MAP, 0, loc);
                        have_dict = true;
                    }
                    self.visit_expr(&k.value)?;
                    self.addop_i(Opcode::DICT_MERGE, 1, loc);
                } else {
                    nseen += 1;
                }
            }
            if nseen > 0 {
                self.subkwargs(loc, kws, nkw - nseen, nkw)?;
                if have_dict {
                    self.addop_i(Opcode::DICT_MERGE, 1, loc);
                }
            }
        }
        self.addop_i(Opcode::CALL_FUNCTION_EX, (nkw > 0) as i32, loc);
        Ok(())
    }

    fn subkwargs(&mut self, loc: Location, kws: &'a [ast::Keyword], begin: usize, end: usize) -> CResult<()> {
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            for k in &kws[begin..end] {
                self.visit_expr(&k.value)?;
            }
            let names: Vec<Constant> = kws[begin..end].iter().map(|k| Constant::str(k.arg.as_deref().unwrap_or(""))).collect();
            self.load_const(Constant::tuple(names), loc);
            self.addop_i(Opcode::BUILD_CONST_KEY_MAP, n as i32, loc);
            return Ok(());
        }
        if big {
            self.addop_i(Opcode::BUILD_MAP, 0, NO_LOC);
        }
        for k in &kws[begin..end] {
            self.load_const(Constant::str(k.arg.as_deref().unwrap_or("")), loc);
            self.visit_expr(&k.value)?;
            if big {
                self.addop_i(Opcode::MAP_ADD, 1, NO_LOC);
            }
        }
        if !big {
            self.addop_i(Opcode::BUILD_MAP, n as i32, loc);
        }
        Ok(())
    }

    // ---- slices ----
    fn compile_slice(&mut self, s: &'a ast::ExprSlice, loc: Location) -> CResult<i32> {
        let mut n = 2;
        match &s.lower {
            Some(l) => self.visit_expr(l)?,
            None => self.load_const(Constant::None, loc),
        }
        match &s.upper {
            Some(u) => self.visit_expr(u)?,
            None => self.load_const(Constant::None, loc),
        }
        if let Some(st) = &s.step {
            n += 1;
            self.visit_expr(st)?;
        }
        Ok(n)
    }

    // ---- f-strings ----
    fn compile_joined_str(&mut self, j: &'a ast::ExprJoinedStr, loc: Location) -> CResult<()> {
        let n = j.values.len();
        if n > STACK_USE_GUIDELINE {
            self.load_const(Constant::str(""), loc);
            let idx = self.add_name_raw("join");
            self.addop_i(Opcode::LOAD_ATTR, (idx << 1) | 1, loc);
            self.addop_i(Opcode::BUILD_LIST, 0, loc);
            for v in &j.values {
                self.visit_expr(v)?;
                self.addop_i(Opcode::LIST_APPEND, 1, loc);
            }
            self.addop_i(Opcode::CALL, 1, loc);
        } else if n == 0 {
            self.load_const(Constant::str(""), loc);
        } else {
            self.visit_exprs(&j.values)?;
            if n != 1 {
                self.addop_i(Opcode::BUILD_STRING, n as i32, loc);
            }
        }
        Ok(())
    }

    fn compile_formatted_value(&mut self, f: &'a ast::ExprFormattedValue, loc: Location) -> CResult<()> {
        self.visit_expr(&f.value)?;
        let conv = match f.conversion {
            115 => 1, // 's'
            114 => 2, // 'r'
            97 => 3,  // 'a'
            _ => 0,
        };
        if conv != 0 {
            self.addop_i(Opcode::CONVERT_VALUE, conv, loc);
        }
        match &f.format_spec {
            Some(spec) => {
                self.visit_expr(spec)?;
                self.addop(Opcode::FORMAT_WITH_SPEC, loc);
            }
            None => self.addop(Opcode::FORMAT_SIMPLE, loc),
        }
        Ok(())
    }

    /// 3.13's `__static_attributes__`: a store to `self.NAME` anywhere inside a class
    /// (compiler_maybe_add_static_attribute_to_class: the nearest enclosing class unit,
    /// the current unit excluded).
    fn maybe_add_static_attribute(&mut self, a: &ast::ExprAttribute) {
        if a.ctx != ExprContext::Store {
            return;
        }
        let Expr::Name(n) = &*a.value else { return };
        if n.id != "self" {
            return;
        }
        let len = self.units.len();
        for i in (0..len.saturating_sub(1)).rev() {
            if self.units[i].kind == UnitKind::Class {
                self.units[i].static_attributes.insert(a.attr.clone());
                return;
            }
        }
    }
}

fn dedup_set(items: Vec<Constant>) -> Vec<Constant> {
    crate::unit::frozenset_items(items)
}

fn is_two_element_slice(e: &Expr) -> bool {
    matches!(e, Expr::Slice(s) if s.step.is_none())
}

pub fn update_start_location_to_match_attr(mut loc: Location, a: &ast::ExprAttribute) -> Location {
    let end_lineno = a.range.end_lineno as i32;
    if loc.lineno != end_lineno {
        loc.lineno = end_lineno;
        let len = a.attr.chars().count() as i32;
        if len <= a.range.end_col_offset as i32 {
            loc.col_offset = a.range.end_col_offset as i32 - len;
        } else {
            loc.col_offset = -1;
            loc.end_col_offset = -1;
        }
        loc.end_lineno = loc.lineno.max(loc.end_lineno);
        if loc.lineno == loc.end_lineno {
            loc.end_col_offset = loc.col_offset.max(loc.end_col_offset);
        }
    }
    loc
}
