//! `try`/`except*` (PEP 654): compile.c's `compiler_try_star_except` and
//! `compiler_try_star_finally`. Each handler splits the exception group with
//! CHECK_EG_MATCH; what handlers raise and the unmatched rest are collected in a list that
//! CALL_INTRINSIC_2 (INTRINSIC_PREP_RERAISE_STAR) turns into the group to re-raise.

use taipan_bytecode::{Constant, Opcode};
use taipan_parser::ast::{self, ExprContext, Stmt};

use super::{loc_of, CResult, Compiler, FBlockDatum, FBlockKind, NO_LOC};
use crate::instr_sequence::{Label, Location};

impl<'a> Compiler<'a> {
    pub fn compile_try_star(&mut self, t: &'a ast::StmtTryStar, loc: Location) -> CResult<()> {
        if t.finalbody.is_empty() {
            return self.try_star_except(&t.body, &t.handlers, &t.orelse, loc);
        }
        let body = self.new_label();
        let end = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.addop_jump(Opcode::SETUP_FINALLY, end, loc);
        self.use_label(body);
        self.push_fblock(loc, FBlockKind::FinallyTry, body, Some(end), FBlockDatum::Finally(&t.finalbody))?;
        if !t.handlers.is_empty() {
            self.try_star_except(&t.body, &t.handlers, &t.orelse, loc)?;
        } else {
            self.visit_stmts(&t.body)?;
        }
        self.addop(Opcode::POP_BLOCK, NO_LOC);
        self.pop_fblock();
        self.visit_stmts(&t.finalbody)?;
        self.addop_jump(Opcode::JUMP_NO_INTERRUPT, exit, NO_LOC);
        self.use_label(end);
        self.addop_jump(Opcode::SETUP_CLEANUP, cleanup, NO_LOC);
        self.addop(Opcode::PUSH_EXC_INFO, NO_LOC);
        self.push_fblock(NO_LOC, FBlockKind::FinallyEnd, end, None, FBlockDatum::None)?;
        self.visit_stmts(&t.finalbody)?;
        self.pop_fblock();
        self.addop_i(Opcode::RERAISE, 0, NO_LOC);
        self.use_label(cleanup);
        self.addop_i(Opcode::COPY, 3, NO_LOC);
        self.addop(Opcode::POP_EXCEPT, NO_LOC);
        self.addop_i(Opcode::RERAISE, 1, NO_LOC);
        self.use_label(exit);
        Ok(())
    }

    fn try_star_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ast::ExceptHandler],
        orelse: &'a [Stmt],
        loc: Location,
    ) -> CResult<()> {
        let body_l = self.new_label();
        let mut except = self.new_label();
        let orelse_l = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        let reraise_star = self.new_label();
        self.addop_jump(Opcode::SETUP_FINALLY, except, loc);
        self.use_label(body_l);
        self.push_fblock(loc, FBlockKind::TryExcept, body_l, None, FBlockDatum::None)?;
        self.visit_stmts(body)?;
        self.pop_fblock();
        self.addop(Opcode::POP_BLOCK, NO_LOC);
        self.addop_jump(Opcode::JUMP_NO_INTERRUPT, orelse_l, NO_LOC);
        let n = handlers.len();
        self.use_label(except);
        self.addop_jump(Opcode::SETUP_CLEANUP, cleanup, NO_LOC);
        self.addop(Opcode::PUSH_EXC_INFO, NO_LOC);
        self.push_fblock(loc, FBlockKind::ExceptionGroupHandler, Label(-1), None, FBlockDatum::None)?;
        for (i, h) in handlers.iter().enumerate() {
            let hloc = loc_of(h.range);
            except = self.new_label();
            let except_with_error = self.new_label();
            let no_match = self.new_label();
            if i == 0 {
                self.addop_i(Opcode::BUILD_LIST, 0, hloc);
                self.addop_i(Opcode::COPY, 2, hloc);
            }
            if let Some(t) = &h.type_ {
                self.visit_expr(t)?;
                self.addop(Opcode::CHECK_EG_MATCH, hloc);
                self.addop_i(Opcode::COPY, 1, hloc);
                self.addop_jump(Opcode::POP_JUMP_IF_NONE, no_match, hloc);
            }
            let cleanup_end = self.new_label();
            let cleanup_body = self.new_label();
            match &h.name {
                Some(name) => self.nameop(name, ExprContext::Store, hloc)?,
                None => self.addop(Opcode::POP_TOP, hloc),
            }
            self.addop_jump(Opcode::SETUP_CLEANUP, cleanup_end, hloc);
            self.use_label(cleanup_body);
            let datum = match &h.name {
                Some(n) => FBlockDatum::Name(n),
                None => FBlockDatum::None,
            };
            self.push_fblock(hloc, FBlockKind::HandlerCleanup, cleanup_body, None, datum)?;
            self.visit_stmts(&h.body)?;
            self.pop_fblock();
            self.addop(Opcode::POP_BLOCK, NO_LOC);
            if let Some(name) = &h.name {
                self.load_const(Constant::None, NO_LOC);
                self.nameop(name, ExprContext::Store, NO_LOC)?;
                self.nameop(name, ExprContext::Del, NO_LOC)?;
            }
            self.addop_jump(Opcode::JUMP_NO_INTERRUPT, except, NO_LOC);
            self.use_label(cleanup_end);
            if let Some(name) = &h.name {
                self.load_const(Constant::None, NO_LOC);
                self.nameop(name, ExprContext::Store, NO_LOC)?;
                self.nameop(name, ExprContext::Del, NO_LOC)?;
            }
            self.addop_i(Opcode::LIST_APPEND, 3, NO_LOC);
            self.addop(Opcode::POP_TOP, NO_LOC);
            self.addop_jump(Opcode::JUMP_NO_INTERRUPT, except_with_error, NO_LOC);
            self.use_label(except);
            self.addop(Opcode::NOP, NO_LOC);
            self.addop_jump(Opcode::JUMP_NO_INTERRUPT, except_with_error, NO_LOC);
            self.use_label(no_match);
            self.addop(Opcode::POP_TOP, hloc);
            self.use_label(except_with_error);
            if i == n - 1 {
                self.addop_i(Opcode::LIST_APPEND, 1, NO_LOC);
                self.addop_jump(Opcode::JUMP_NO_INTERRUPT, reraise_star, NO_LOC);
            }
        }
        self.pop_fblock();
        let reraise = self.new_label();
        self.use_label(reraise_star);
        self.addop_i(Opcode::CALL_INTRINSIC_2, 1, NO_LOC);
        self.addop_i(Opcode::COPY, 1, NO_LOC);
        self.addop_jump(Opcode::POP_JUMP_IF_NOT_NONE, reraise, NO_LOC);
        self.addop(Opcode::POP_TOP, NO_LOC);
        self.addop(Opcode::POP_BLOCK, NO_LOC);
        self.addop(Opcode::POP_EXCEPT, NO_LOC);
        self.addop_jump(Opcode::JUMP_NO_INTERRUPT, end, NO_LOC);
        self.use_label(reraise);
        self.addop(Opcode::POP_BLOCK, NO_LOC);
        self.addop_i(Opcode::SWAP, 2, NO_LOC);
        self.addop(Opcode::POP_EXCEPT, NO_LOC);
        self.addop_i(Opcode::RERAISE, 0, NO_LOC);
        self.use_label(cleanup);
        self.addop_i(Opcode::COPY, 3, NO_LOC);
        self.addop(Opcode::POP_EXCEPT, NO_LOC);
        self.addop_i(Opcode::RERAISE, 1, NO_LOC);
        self.use_label(orelse_l);
        self.visit_stmts(orelse)?;
        self.use_label(end);
        Ok(())
    }
}
