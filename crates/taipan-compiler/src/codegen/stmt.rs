//! Statements: compile.c's `compiler_visit_stmt` — assignments, imports, control flow
//! (if/while/for/async for), try/except/finally with the exception-table pseudo-ops,
//! with/async with, and the fblock stack that `return`/`break`/`continue` unwind.

use taipan_bytecode::{Constant, Opcode};
use taipan_parser::ast::{self, Expr, ExprContext, Stmt};

use super::expr::{binop_arg, update_start_location_to_match_attr};
use super::{loc_of, CResult, Compiler, FBlock, FBlockDatum, FBlockKind, UnitKind, NO_LOC};
use crate::instr_sequence::{Label, Location};

impl<'a> Compiler<'a> {
    pub fn visit_stmts(&mut self, body: &'a [Stmt]) -> CResult<()> {
        for s in body {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    pub fn visit_stmt(&mut self, s: &'a Stmt) -> CResult<()> {
        let loc = loc_of(s.range());
        match s {
            Stmt::FunctionDef(_) | Stmt::AsyncFunctionDef(_) => self.compile_function(s)?,
            Stmt::ClassDef(c) => self.compile_class(c)?,
            Stmt::Return(r) => self.compile_return(r, loc)?,
            Stmt::Delete(d) => self.visit_exprs(&d.targets)?,
            Stmt::Assign(a) => {
                self.visit_expr(&a.value)?;
                let n = a.targets.len();
                for (i, t) in a.targets.iter().enumerate() {
                    if i < n - 1 {
                        self.addop_i(Opcode::COPY, 1, loc);
                    }
                    self.visit_expr(t)?;
                }
            }
            Stmt::TypeAlias(t) => self.compile_type_alias(t)?,
            Stmt::AugAssign(a) => self.compile_augassign(a, loc)?,
            Stmt::AnnAssign(a) => self.compile_annassign(a, loc)?,
            Stmt::For(f) => self.compile_for(f, loc)?,
            Stmt::AsyncFor(f) => self.compile_async_for(f, loc)?,
            Stmt::While(w) => {
                let lp = self.new_label();
                let body = self.new_label();
                let end = self.new_label();
                let anchor = self.new_label();
                self.use_label(lp);
                self.push_fblock(loc, FBlockKind::WhileLoop, lp, Some(end), FBlockDatum::None)?;
                self.jump_if(loc, &w.test, anchor, false)?;
                self.use_label(body);
                self.visit_stmts(&w.body)?;
                self.jump_if(loc, &w.test, body, true)?;
                self.pop_fblock();
                self.use_label(anchor);
                self.visit_stmts(&w.orelse)?;
                self.use_label(end);
            }
            Stmt::If(i) => {
                let end = self.new_label();
                let next = if i.orelse.is_empty() { end } else { self.new_label() };
                self.jump_if(loc, &i.test, next, false)?;
                self.visit_stmts(&i.body)?;
                if !i.orelse.is_empty() {
                    self.addop_jump(Opcode::JUMP_NO_INTERRUPT, end, NO_LOC);
                    self.use_label(next);
                    self.visit_stmts(&i.orelse)?;
                }
                self.use_label(end);
            }
            Stmt::With(w) => self.compile_with(&w.items, &w.body, 0, false)?,
            Stmt::AsyncWith(w) => {
                if !self.cur_scope().is_coroutine || !self.in_function() {
                    return Err(self.error(loc, "'async with' outside async function"));
                }
                self.compile_with(&w.items, &w.body, 0, true)?
            }
            Stmt::Match(m) => self.compile_match(m)?,
            Stmt::Raise(r) => {
                let mut n = 0;
                if let Some(e) = &r.exc {
                    self.visit_expr(e)?;
                    n += 1;
                    if let Some(c) = &r.cause {
                        self.visit_expr(c)?;
                        n += 1;
                    }
                }
                self.addop_i(Opcode::RAISE_VARARGS, n, loc);
            }
            Stmt::Try(t) => {
                if !t.finalbody.is_empty() {
                    self.compile_try_finally(&t.body, &t.handlers, &t.orelse, &t.finalbody, loc)?
                } else {
                    self.compile_try_except(&t.body, &t.handlers, &t.orelse, loc)?
                }
            }
            Stmt::TryStar(t) => self.compile_try_star(t, loc)?,
            Stmt::Assert(a) => {
                if self.optimize == 0 {
                    let end = self.new_label();
                    self.jump_if(loc, &a.test, end, true)?;
                    self.addop(Opcode::LOAD_ASSERTION_ERROR, loc);
                    if let Some(m) = &a.msg {
                        self.visit_expr(m)?;
                        self.addop_i(Opcode::CALL, 0, loc);
                    }
                    self.addop_i(Opcode::RAISE_VARARGS, 1, loc_of(a.test.range()));
                    self.use_label(end);
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    self.load_const(Constant::int(0), loc);
                    self.load_const(Constant::None, loc);
                    self.addop_name(Opcode::IMPORT_NAME, &a.name, loc);
                    match &a.asname {
                        Some(asname) => {
                            if let Some(dot) = a.name.find('.') {
                                let mut rest = &a.name[dot + 1..];
                                loop {
                                    let (attr, more) = match rest.find('.') {
                                        Some(d) => (&rest[..d], Some(&rest[d + 1..])),
                                        None => (rest, None),
                                    };
                                    let idx = self.add_name_raw(attr);
                                    self.addop_i(Opcode::IMPORT_FROM, idx, loc);
                                    match more {
                                        None => break,
                                        Some(m) => {
                                            rest = m;
                                            self.addop_i(Opcode::SWAP, 2, loc);
                                            self.addop(Opcode::POP_TOP, loc);
                                        }
                                    }
                                }
                                self.nameop(asname, ExprContext::Store, loc)?;
                                self.addop(Opcode::POP_TOP, loc);
                            } else {
                                self.nameop(asname, ExprContext::Store, loc)?;
                            }
                        }
                        None => {
                            let base = a.name.split('.').next().unwrap_or("");
                            self.nameop(base, ExprContext::Store, loc)?;
                        }
                    }
                }
            }
            Stmt::ImportFrom(f) => {
                let after_future = match self.future_location {
                    Some((l, c)) => loc.lineno > l || (loc.lineno == l && loc.col_offset > c),
                    None => true,
                };
                if after_future && f.module.as_deref() == Some("__future__") {
                    return Err(self.error(loc, "from __future__ imports must occur at the beginning of the file"));
                }
                self.load_const(Constant::int(f.level.unwrap_or(0)), loc);
                let names: Vec<Constant> = f.names.iter().map(|a| Constant::str(a.name.as_str())).collect();
                self.load_const(Constant::tuple(names), loc);
                self.addop_name(Opcode::IMPORT_NAME, f.module.as_deref().unwrap_or(""), loc);
                for (i, a) in f.names.iter().enumerate() {
                    if i == 0 && a.name.starts_with('*') {
                        self.addop_i(Opcode::CALL_INTRINSIC_1, 2, loc);
                        self.addop(Opcode::POP_TOP, NO_LOC);
                        return Ok(());
                    }
                    self.addop_name(Opcode::IMPORT_FROM, &a.name, loc);
                    let store = a.asname.as_deref().unwrap_or(&a.name);
                    self.nameop(store, ExprContext::Store, loc)?;
                }
                self.addop(Opcode::POP_TOP, loc);
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) => {}
            Stmt::Expr(e) => {
                if self.interactive && self.units.len() <= 1 {
                    self.visit_expr(&e.value)?;
                    self.addop_i(Opcode::CALL_INTRINSIC_1, 1, loc);
                    self.addop(Opcode::POP_TOP, NO_LOC);
                } else if let Expr::Constant(_) = &*e.value {
                    self.addop(Opcode::NOP, loc);
                } else {
                    self.visit_expr(&e.value)?;
                    self.addop(Opcode::POP_TOP, NO_LOC);
                }
            }
            Stmt::Pass(_) => self.addop(Opcode::NOP, loc),
            Stmt::Break(_) => {
                self.addop(Opcode::NOP, loc);
                let mut l = loc;
                let lp = self.unwind_fblock_stack(&mut l, false, true)?;
                let Some(lp) = lp else { return Err(self.error(loc, "'break' outside loop")) };
                self.unwind_fblock(&mut l, lp, false)?;
                self.addop_jump(Opcode::JUMP, lp.exit.expect("loop exit"), l);
            }
            Stmt::Continue(_) => {
                self.addop(Opcode::NOP, loc);
                let mut l = loc;
                let lp = self.unwind_fblock_stack(&mut l, false, true)?;
                let Some(lp) = lp else { return Err(self.error(loc, "'continue' not properly in loop")) };
                self.addop_jump(Opcode::JUMP, lp.block, l);
            }
        }
        Ok(())
    }

    fn compile_return(&mut self, r: &'a ast::StmtReturn, sloc: Location) -> CResult<()> {
        let mut loc = sloc;
        let preserve_tos = r.value.as_ref().is_some_and(|v| !matches!(**v, Expr::Constant(_)));
        if !self.in_function() {
            return Err(self.error(loc, "'return' outside function"));
        }
        let sc = self.cur_scope();
        if r.value.is_some() && sc.is_coroutine && sc.is_generator {
            return Err(self.error(loc, "'return' with value in async generator"));
        }
        if preserve_tos {
            self.visit_expr(r.value.as_ref().unwrap())?;
        } else if let Some(v) = &r.value {
            loc = loc_of(v.range());
            self.addop(Opcode::NOP, loc);
        }
        if r.value.as_ref().map_or(true, |v| v.range().lineno != r.range.lineno) {
            loc = sloc;
            self.addop(Opcode::NOP, loc);
        }
        self.unwind_fblock_stack(&mut loc, preserve_tos, false)?;
        match &r.value {
            None => self.load_const(Constant::None, loc),
            Some(v) if !preserve_tos => {
                let Expr::Constant(c) = &**v else { unreachable!() };
                self.load_const(crate::ast_opt::constant_value(c, self.folded), loc);
            }
            _ => {}
        }
        self.addop(Opcode::RETURN_VALUE, loc);
        Ok(())
    }

    /// `compiler_unwind_fblock_stack`; with `want_loop`, stops at (and returns) the
    /// innermost loop.
    pub fn unwind_fblock_stack(&mut self, loc: &mut Location, preserve_tos: bool, want_loop: bool) -> CResult<Option<FBlock<'a>>> {
        let Some(top) = self.ur().fblocks.last().copied() else { return Ok(None) };
        if top.kind == FBlockKind::ExceptionGroupHandler {
            return Err(self.error(*loc, "'break', 'continue' and 'return' cannot appear in an except* block"));
        }
        if want_loop && matches!(top.kind, FBlockKind::WhileLoop | FBlockKind::ForLoop) {
            return Ok(Some(top));
        }
        self.u().fblocks.pop();
        self.unwind_fblock(loc, top, preserve_tos)?;
        let r = self.unwind_fblock_stack(loc, preserve_tos, want_loop);
        self.u().fblocks.push(top);
        r
    }

    pub fn unwind_fblock(&mut self, loc: &mut Location, info: FBlock<'a>, preserve_tos: bool) -> CResult<()> {
        match info.kind {
            FBlockKind::WhileLoop
            | FBlockKind::ExceptionHandler
            | FBlockKind::ExceptionGroupHandler
            | FBlockKind::AsyncComprehensionGenerator
            | FBlockKind::StopIteration => {}
            FBlockKind::ForLoop => {
                if preserve_tos {
                    self.addop_i(Opcode::SWAP, 2, *loc);
                }
                self.addop(Opcode::POP_TOP, *loc);
            }
            FBlockKind::TryExcept => self.addop(Opcode::POP_BLOCK, *loc),
            FBlockKind::FinallyTry => {
                self.addop(Opcode::POP_BLOCK, *loc);
                if preserve_tos {
                    let l = self.new_label();
                    self.push_fblock(*loc, FBlockKind::PopValue, l, None, FBlockDatum::None)?;
                }
                if let FBlockDatum::Finally(body) = info.datum {
                    self.visit_stmts(body)?;
                }
                if preserve_tos {
                    self.pop_fblock();
                }
                *loc = NO_LOC;
            }
            FBlockKind::FinallyEnd => {
                if preserve_tos {
                    self.addop_i(Opcode::SWAP, 2, *loc);
                }
                self.addop(Opcode::POP_TOP, *loc);
                if preserve_tos {
                    self.addop_i(Opcode::SWAP, 2, *loc);
                }
                self.addop(Opcode::POP_BLOCK, *loc);
                self.addop(Opcode::POP_EXCEPT, *loc);
            }
            FBlockKind::With | FBlockKind::AsyncWith => {
                *loc = info.loc;
                self.addop(Opcode::POP_BLOCK, *loc);
                if preserve_tos {
                    self.addop_i(Opcode::SWAP, 2, *loc);
                }
                self.call_exit_with_nones(*loc);
                if info.kind == FBlockKind::AsyncWith {
                    self.addop_i(Opcode::GET_AWAITABLE, 2, *loc);
                    self.load_const(Constant::None, *loc);
                    self.add_yield_from(*loc, true);
                }
                self.addop(Opcode::POP_TOP, *loc);
                *loc = NO_LOC;
            }
            FBlockKind::HandlerCleanup => {
                let name = if let FBlockDatum::Name(n) = info.datum { Some(n) } else { None };
                if name.is_some() {
                    self.addop(Opcode::POP_BLOCK, *loc);
                }
                if preserve_tos {
                    self.addop_i(Opcode::SWAP, 2, *loc);
                }
                self.addop(Opcode::POP_BLOCK, *loc);
                self.addop(Opcode::POP_EXCEPT, *loc);
                if let Some(n) = name {
                    self.load_const(Constant::None, *loc);
                    self.nameop(n, ExprContext::Store, *loc)?;
                    self.nameop(n, ExprContext::Del, *loc)?;
                }
            }
            FBlockKind::PopValue => {
                if preserve_tos {
                    self.addop_i(Opcode::SWAP, 2, *loc);
                }
                self.addop(Opcode::POP_TOP, *loc);
            }
        }
        Ok(())
    }

    fn call_exit_with_nones(&mut self, loc: Location) {
        self.load_const(Constant::None, loc);
        self.load_const(Constant::None, loc);
        self.load_const(Constant::None, loc);
        self.addop_i(Opcode::CALL, 2, loc);
    }

    fn compile_augassign(&mut self, a: &'a ast::StmtAugAssign, sloc: Location) -> CResult<()> {
        let e = &*a.target;
        let loc = loc_of(e.range());
        match e {
            Expr::Attribute(at) => {
                self.visit_expr(&at.value)?;
                self.addop_i(Opcode::COPY, 1, loc);
                let l = update_start_location_to_match_attr(loc, at);
                let idx = self.add_name(&at.attr);
                self.addop_i(Opcode::LOAD_ATTR, idx << 1, l);
            }
            Expr::Subscript(s) => {
                self.visit_expr(&s.value)?;
                if let Expr::Slice(sl) = &*s.slice {
                    if sl.step.is_none() {
                        self.visit_slice_parts(sl)?;
                        self.addop_i(Opcode::COPY, 3, loc);
                        self.addop_i(Opcode::COPY, 3, loc);
                        self.addop_i(Opcode::COPY, 3, loc);
                        self.addop(Opcode::BINARY_SLICE, loc);
                    } else {
                        self.visit_expr(&s.slice)?;
                        self.addop_i(Opcode::COPY, 2, loc);
                        self.addop_i(Opcode::COPY, 2, loc);
                        self.addop(Opcode::BINARY_SUBSCR, loc);
                    }
                } else {
                    self.visit_expr(&s.slice)?;
                    self.addop_i(Opcode::COPY, 2, loc);
                    self.addop_i(Opcode::COPY, 2, loc);
                    self.addop(Opcode::BINARY_SUBSCR, loc);
                }
            }
            Expr::Name(n) => self.nameop(&n.id, ExprContext::Load, loc)?,
            _ => return Err(self.error(loc, "invalid node type for augmented assignment")),
        }
        self.visit_expr(&a.value)?;
        self.addop_i(Opcode::BINARY_OP, binop_arg(a.op, true), sloc);
        match e {
            Expr::Attribute(at) => {
                let l = update_start_location_to_match_attr(loc, at);
                self.addop_i(Opcode::SWAP, 2, l);
                let idx = self.add_name(&at.attr);
                self.addop_i(Opcode::STORE_ATTR, idx, l);
            }
            Expr::Subscript(s) => {
                if matches!(&*s.slice, Expr::Slice(sl) if sl.step.is_none()) {
                    self.addop_i(Opcode::SWAP, 4, loc);
                    self.addop_i(Opcode::SWAP, 3, loc);
                    self.addop_i(Opcode::SWAP, 2, loc);
                    self.addop(Opcode::STORE_SLICE, loc);
                } else {
                    self.addop_i(Opcode::SWAP, 3, loc);
                    self.addop_i(Opcode::SWAP, 2, loc);
                    self.addop(Opcode::STORE_SUBSCR, loc);
                }
            }
            Expr::Name(n) => self.nameop(&n.id, ExprContext::Store, loc)?,
            _ => {}
        }
        Ok(())
    }

    fn visit_slice_parts(&mut self, s: &'a ast::ExprSlice) -> CResult<()> {
        let loc = loc_of(s.range);
        match &s.lower {
            Some(l) => self.visit_expr(l)?,
            None => self.load_const(Constant::None, loc),
        }
        match &s.upper {
            Some(u) => self.visit_expr(u)?,
            None => self.load_const(Constant::None, loc),
        }
        Ok(())
    }

    fn check_ann_expr(&mut self, e: &'a Expr) -> CResult<()> {
        self.visit_expr(e)?;
        self.addop(Opcode::POP_TOP, loc_of(e.range()));
        Ok(())
    }

    fn check_ann_subscr(&mut self, e: &'a Expr) -> CResult<()> {
        match e {
            Expr::Slice(s) => {
                for x in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.check_ann_expr(x)?;
                }
                Ok(())
            }
            Expr::Tuple(t) => {
                for x in &t.elts {
                    self.check_ann_subscr(x)?;
                }
                Ok(())
            }
            _ => self.check_ann_expr(e),
        }
    }

    fn compile_annassign(&mut self, a: &'a ast::StmtAnnAssign, loc: Location) -> CResult<()> {
        if let Some(v) = &a.value {
            self.visit_expr(v)?;
            self.visit_expr(&a.target)?;
        }
        let module_or_class = matches!(self.ur().kind, UnitKind::Module | UnitKind::Class);
        match &*a.target {
            Expr::Name(n) => {
                if n.id == "__debug__" {
                    return Err(self.error(loc, "cannot assign to __debug__"));
                }
                if a.simple != 0 && module_or_class {
                    if self.future_annotations {
                        self.visit_annexpr(&a.annotation)?;
                    } else {
                        self.visit_expr(&a.annotation)?;
                    }
                    self.addop_name(Opcode::LOAD_NAME, "__annotations__", loc);
                    let m = self.mangle(&n.id);
                    self.load_const(Constant::str(m.as_str()), loc);
                    self.addop(Opcode::STORE_SUBSCR, loc);
                }
            }
            Expr::Attribute(at) => {
                self.forbidden_name(loc, &at.attr, ExprContext::Store)?;
                if a.value.is_none() {
                    self.check_ann_expr(&at.value)?;
                }
            }
            Expr::Subscript(s) => {
                if a.value.is_none() {
                    self.check_ann_expr(&s.value)?;
                    self.check_ann_subscr(&s.slice)?;
                }
            }
            _ => {}
        }
        if a.simple == 0 && !self.future_annotations && module_or_class {
            self.check_ann_expr(&a.annotation)?;
        }
        Ok(())
    }

    /// An annotation under `from __future__ import annotations`: its source text.
    pub fn visit_annexpr(&mut self, e: &'a Expr) -> CResult<()> {
        let text = crate::unparse::unparse_annotation(e);
        self.load_const(Constant::str(text.as_str()), loc_of(e.range()));
        Ok(())
    }

    fn compile_for(&mut self, f: &'a ast::StmtFor, loc: Location) -> CResult<()> {
        let start = self.new_label();
        let body = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.push_fblock(loc, FBlockKind::ForLoop, start, Some(end), FBlockDatum::None)?;
        self.visit_expr(&f.iter)?;
        let iloc = loc_of(f.iter.range());
        self.addop(Opcode::GET_ITER, iloc);
        self.use_label(start);
        self.addop_jump(Opcode::FOR_ITER, cleanup, iloc);
        self.addop(Opcode::NOP, loc_of(f.target.range()));
        self.use_label(body);
        self.visit_expr(&f.target)?;
        self.visit_stmts(&f.body)?;
        self.addop_jump(Opcode::JUMP, start, NO_LOC);
        self.use_label(cleanup);
        self.addop(Opcode::END_FOR, NO_LOC);
        self.addop(Opcode::POP_TOP, NO_LOC);
        self.pop_fblock();
        self.visit_stmts(&f.orelse)?;
        self.use_label(end);
        Ok(())
    }

    fn compile_async_for(&mut self, f: &'a ast::StmtAsyncFor, loc: Location) -> CResult<()> {
        if !self.cur_scope().is_coroutine || !self.in_function() {
            return Err(self.error(loc, "'async for' outside async function"));
        }
        let start = self.new_label();
        let except = self.new_label();
        let end = self.new_label();
        self.visit_expr(&f.iter)?;
        let iloc = loc_of(f.iter.range());
        self.addop(Opcode::GET_AITER, iloc);
        self.use_label(start);
        self.push_fblock(loc, FBlockKind::ForLoop, start, Some(end), FBlockDatum::None)?;
        self.addop_jump(Opcode::SETUP_FINALLY, except, loc);
        self.addop(Opcode::GET_ANEXT, loc);
        self.load_const(Constant::None, loc);
        self.add_yield_from(loc, true);
        self.addop(Opcode::POP_BLOCK, loc);
        self.visit_expr(&f.target)?;
        self.visit_stmts(&f.body)?;
        self.addop_jump(Opcode::JUMP, start, NO_LOC);
        self.pop_fblock();
        self.use_label(except);
        self.addop(Opcode::END_ASYNC_FOR, iloc);
        self.visit_stmts(&f.orelse)?;
        self.use_label(end);
        Ok(())
    }

    fn pop_except_and_reraise(&mut self, loc: Location) {
        self.addop_i(Opcode::COPY, 3, loc);
        self.addop(Opcode::POP_EXCEPT, loc);
        self.addop_i(Opcode::RERAISE, 1, loc);
    }

    fn compile_try_finally(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ast::ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
        loc: Location,
    ) -> CResult<()> {
        let body_l = self.new_label();
        let end = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.addop_jump(Opcode::SETUP_FINALLY, end, loc);
        self.use_label(body_l);
        self.push_fblock(loc, FBlockKind::FinallyTry, body_l, Some(end), FBlockDatum::Finally(finalbody))?;
        if !handlers.is_empty() {
            self.compile_try_except(body, handlers, orelse, loc)?;
        } else {
            self.visit_stmts(body)?;
        }
        self.addop(Opcode::POP_BLOCK, NO_LOC);
        self.pop_fblock();
        self.visit_stmts(finalbody)?;
        self.addop_jump(Opcode::JUMP_NO_INTERRUPT, exit, NO_LOC);
        self.use_label(end);
        self.addop_jump(Opcode::SETUP_CLEANUP, cleanup, NO_LOC);
        self.addop(Opcode::PUSH_EXC_INFO, NO_LOC);
        self.push_fblock(NO_LOC, FBlockKind::FinallyEnd, end, None, FBlockDatum::None)?;
        self.visit_stmts(finalbody)?;
        self.pop_fblock();
        self.addop_i(Opcode::RERAISE, 0, NO_LOC);
        self.use_label(cleanup);
        self.pop_except_and_reraise(NO_LOC);
        self.use_label(exit);
        Ok(())
    }

    fn compile_try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ast::ExceptHandler],
        orelse: &'a [Stmt],
        loc: Location,
    ) -> CResult<()> {
        let body_l = self.new_label();
        let mut except = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        self.addop_jump(Opcode::SETUP_FINALLY, except, loc);
        self.use_label(body_l);
        self.push_fblock(loc, FBlockKind::TryExcept, body_l, None, FBlockDatum::None)?;
        self.visit_stmts(body)?;
        self.pop_fblock();
        self.addop(Opcode::POP_BLOCK, NO_LOC);
        self.visit_stmts(orelse)?;
        self.addop_jump(Opcode::JUMP_NO_INTERRUPT, end, NO_LOC);
        let n = handlers.len();
        self.use_label(except);
        self.addop_jump(Opcode::SETUP_CLEANUP, cleanup, NO_LOC);
        self.addop(Opcode::PUSH_EXC_INFO, NO_LOC);
        let dummy = self.new_label_dummy();
        self.push_fblock(loc, FBlockKind::ExceptionHandler, dummy, None, FBlockDatum::None)?;
        for (i, h) in handlers.iter().enumerate() {
            let hloc = loc_of(h.range);
            if h.type_.is_none() && i < n - 1 {
                return Err(self.error(hloc, "default 'except:' must be last"));
            }
            except = self.new_label();
            if let Some(t) = &h.type_ {
                self.visit_expr(t)?;
                self.addop(Opcode::CHECK_EXC_MATCH, hloc);
                self.addop_jump(Opcode::POP_JUMP_IF_FALSE, except, hloc);
            }
            if let Some(name) = &h.name {
                let cleanup_end = self.new_label();
                let cleanup_body = self.new_label();
                self.nameop(name, ExprContext::Store, hloc)?;
                self.addop_jump(Opcode::SETUP_CLEANUP, cleanup_end, hloc);
                self.use_label(cleanup_body);
                self.push_fblock(hloc, FBlockKind::HandlerCleanup, cleanup_body, None, FBlockDatum::Name(name))?;
                self.visit_stmts(&h.body)?;
                self.pop_fblock();
                self.addop(Opcode::POP_BLOCK, NO_LOC);
                self.addop(Opcode::POP_BLOCK, NO_LOC);
                self.addop(Opcode::POP_EXCEPT, NO_LOC);
                self.load_const(Constant::None, NO_LOC);
                self.nameop(name, ExprContext::Store, NO_LOC)?;
                self.nameop(name, ExprContext::Del, NO_LOC)?;
                self.addop_jump(Opcode::JUMP_NO_INTERRUPT, end, NO_LOC);
                self.use_label(cleanup_end);
                self.load_const(Constant::None, NO_LOC);
                self.nameop(name, ExprContext::Store, NO_LOC)?;
                self.nameop(name, ExprContext::Del, NO_LOC)?;
                self.addop_i(Opcode::RERAISE, 1, NO_LOC);
            } else {
                let cleanup_body = self.new_label();
                self.addop(Opcode::POP_TOP, hloc);
                self.use_label(cleanup_body);
                self.push_fblock(hloc, FBlockKind::HandlerCleanup, cleanup_body, None, FBlockDatum::None)?;
                self.visit_stmts(&h.body)?;
                self.pop_fblock();
                self.addop(Opcode::POP_BLOCK, NO_LOC);
                self.addop(Opcode::POP_EXCEPT, NO_LOC);
                self.addop_jump(Opcode::JUMP_NO_INTERRUPT, end, NO_LOC);
            }
            self.use_label(except);
        }
        self.pop_fblock();
        self.addop_i(Opcode::RERAISE, 0, NO_LOC);
        self.use_label(cleanup);
        self.pop_except_and_reraise(NO_LOC);
        self.use_label(end);
        Ok(())
    }

    /// A label that is never placed (CPython's NO_LABEL for fblocks).
    fn new_label_dummy(&mut self) -> Label {
        Label(-1)
    }

    fn compile_with(&mut self, items: &'a [ast::WithItem], body: &'a [Stmt], pos: usize, is_async: bool) -> CResult<()> {
        let item = &items[pos];
        let block = self.new_label();
        let final_ = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.visit_expr(&item.context_expr)?;
        let loc = loc_of(item.context_expr.range());
        if is_async {
            self.addop(Opcode::BEFORE_ASYNC_WITH, loc);
            self.addop_i(Opcode::GET_AWAITABLE, 1, loc);
            self.load_const(Constant::None, loc);
            self.add_yield_from(loc, true);
        } else {
            self.addop(Opcode::BEFORE_WITH, loc);
        }
        self.addop_jump(Opcode::SETUP_WITH, final_, loc);
        self.use_label(block);
        let kind = if is_async { FBlockKind::AsyncWith } else { FBlockKind::With };
        self.push_fblock(loc, kind, block, Some(final_), FBlockDatum::None)?;
        match &item.optional_vars {
            Some(v) => self.visit_expr(v)?,
            None => self.addop(Opcode::POP_TOP, loc),
        }
        if pos + 1 == items.len() {
            self.visit_stmts(body)?;
        } else {
            self.compile_with(items, body, pos + 1, is_async)?;
        }
        self.addop(Opcode::POP_BLOCK, if is_async { loc } else { NO_LOC });
        self.pop_fblock();
        self.call_exit_with_nones(loc);
        if is_async {
            self.addop_i(Opcode::GET_AWAITABLE, 2, loc);
            self.load_const(Constant::None, loc);
            self.add_yield_from(loc, true);
        }
        self.addop(Opcode::POP_TOP, loc);
        self.addop_jump(Opcode::JUMP, exit, loc);
        self.use_label(final_);
        self.addop_jump(Opcode::SETUP_CLEANUP, cleanup, loc);
        self.addop(Opcode::PUSH_EXC_INFO, loc);
        self.addop(Opcode::WITH_EXCEPT_START, loc);
        if is_async {
            self.addop_i(Opcode::GET_AWAITABLE, 2, loc);
            self.load_const(Constant::None, loc);
            self.add_yield_from(loc, true);
        }
        self.with_except_finish(cleanup);
        self.use_label(exit);
        Ok(())
    }

    fn with_except_finish(&mut self, cleanup: Label) {
        let suppress = self.new_label();
        self.addop(Opcode::TO_BOOL, NO_LOC);
        self.addop_jump(Opcode::POP_JUMP_IF_TRUE, suppress, NO_LOC);
        self.addop_i(Opcode::RERAISE, 2, NO_LOC);
        self.use_label(suppress);
        self.addop(Opcode::POP_TOP, NO_LOC);
        self.addop(Opcode::POP_BLOCK, NO_LOC);
        self.addop(Opcode::POP_EXCEPT, NO_LOC);
        self.addop(Opcode::POP_TOP, NO_LOC);
        self.addop(Opcode::POP_TOP, NO_LOC);
        let exit = self.new_label();
        self.addop_jump(Opcode::JUMP_NO_INTERRUPT, exit, NO_LOC);
        self.use_label(cleanup);
        self.pop_except_and_reraise(NO_LOC);
        self.use_label(exit);
    }
}
