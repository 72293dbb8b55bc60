//! `match` statements: compile.c's `compiler_match` and `compiler_pattern_*`.
//!
//! A pattern is compiled against the subject on top of the stack. Captured values are
//! kept on the stack (under `on_top` items still needed) and only stored once the whole
//! pattern matched; on failure, code jumps to `fail_pop[n]`, a chain of POP_TOPs that
//! discards the `n` values pushed so far.

use taipan_bytecode::{Constant, Opcode};
use taipan_parser::ast::{self, CmpOp, Expr, ExprContext, Pattern};

use super::{loc_of, CResult, Compiler, NO_LOC};
use crate::instr_sequence::{Label, Location};

#[derive(Default, Clone)]
struct PatternContext {
    stores: Vec<String>,
    allow_irrefutable: bool,
    fail_pop: Vec<Label>,
    on_top: usize,
}

fn wildcard(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchAs(a) if a.name.is_none() && a.pattern.is_none())
}

fn wildcard_star(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchStar(s) if s.name.is_none())
}

impl<'a> Compiler<'a> {
    pub fn compile_match(&mut self, m: &'a ast::StmtMatch) -> CResult<()> {
        self.visit_expr(&m.subject)?;
        let end = self.new_label();
        let cases = m.cases.len();
        let last = &m.cases[cases - 1];
        let has_default = wildcard(&last.pattern) && cases > 1;
        let n = cases - has_default as usize;
        for (i, case) in m.cases[..n].iter().enumerate() {
            let ploc = loc_of(case.pattern.range());
            if i != n - 1 {
                self.addop_i(Opcode::COPY, 1, ploc);
            }
            let mut pc = PatternContext {
                allow_irrefutable: case.guard.is_some() || i == cases - 1,
                ..Default::default()
            };
            self.pattern(&case.pattern, &mut pc)?;
            for name in &pc.stores {
                self.nameop(name, ExprContext::Store, ploc)?;
            }
            if let Some(g) = &case.guard {
                self.ensure_fail_pop(&mut pc, 0);
                let target = pc.fail_pop[0];
                self.jump_if(ploc, g, target, false)?;
            }
            if i != n - 1 {
                self.addop(Opcode::POP_TOP, ploc);
            }
            self.visit_stmts(&case.body)?;
            self.addop_jump(Opcode::JUMP, end, NO_LOC);
            self.emit_and_reset_fail_pop(ploc, &mut pc);
        }
        if has_default {
            let ploc = loc_of(last.pattern.range());
            if cases == 1 {
                self.addop(Opcode::POP_TOP, ploc);
            } else {
                self.addop(Opcode::NOP, ploc);
            }
            if let Some(g) = &last.guard {
                self.jump_if(ploc, g, end, false)?;
            }
            self.visit_stmts(&last.body)?;
        }
        self.use_label(end);
        Ok(())
    }

    fn ensure_fail_pop(&mut self, pc: &mut PatternContext, n: usize) {
        while pc.fail_pop.len() < n + 1 {
            let l = self.new_label();
            pc.fail_pop.push(l);
        }
    }

    fn jump_to_fail_pop(&mut self, loc: Location, pc: &mut PatternContext, op: Opcode) {
        let pops = pc.on_top + pc.stores.len();
        self.ensure_fail_pop(pc, pops);
        self.addop_jump(op, pc.fail_pop[pops], loc);
    }

    fn emit_and_reset_fail_pop(&mut self, loc: Location, pc: &mut PatternContext) {
        if pc.fail_pop.is_empty() {
            return;
        }
        for i in (1..pc.fail_pop.len()).rev() {
            self.use_label(pc.fail_pop[i]);
            self.addop(Opcode::POP_TOP, loc);
        }
        self.use_label(pc.fail_pop[0]);
        pc.fail_pop.clear();
    }

    fn pattern_rotate(&mut self, loc: Location, mut count: usize) {
        while count > 1 {
            self.addop_i(Opcode::SWAP, count as i32, loc);
            count -= 1;
        }
    }

    fn pattern_store_name(&mut self, loc: Location, name: Option<&str>, pc: &mut PatternContext) -> CResult<()> {
        let Some(n) = name else {
            self.addop(Opcode::POP_TOP, loc);
            return Ok(());
        };
        if n == "__debug__" {
            return Err(self.error(loc, "cannot assign to __debug__"));
        }
        if pc.stores.iter().any(|s| s == n) {
            return Err(self.error(loc, &format!("multiple assignments to name '{n}' in pattern")));
        }
        let rotations = pc.on_top + pc.stores.len() + 1;
        self.pattern_rotate(loc, rotations);
        pc.stores.push(n.to_string());
        Ok(())
    }

    fn subpattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult<()> {
        let saved = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        self.pattern(p, pc)?;
        pc.allow_irrefutable = saved;
        Ok(())
    }

    fn pattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult<()> {
        let loc = loc_of(p.range());
        match p {
            Pattern::MatchValue(v) => {
                if !matches!(&*v.value, Expr::Constant(_) | Expr::Attribute(_)) {
                    return Err(self.error(loc, "patterns may only match literals and attribute lookups"));
                }
                self.visit_expr(&v.value)?;
                self.addop_compare(CmpOp::Eq, loc);
                self.addop(Opcode::TO_BOOL, loc);
                self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
            }
            Pattern::MatchSingleton(s) => {
                let c = crate::ast_opt::literal(&s.value);
                self.load_const(c, loc);
                self.addop_compare(CmpOp::Is, loc);
                self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
            }
            Pattern::MatchSequence(s) => self.pattern_sequence(&s.patterns, loc, pc)?,
            Pattern::MatchMapping(m) => self.pattern_mapping(m, loc, pc)?,
            Pattern::MatchClass(c) => self.pattern_class(c, loc, pc)?,
            Pattern::MatchStar(s) => self.pattern_store_name(loc, s.name.as_deref(), pc)?,
            Pattern::MatchAs(a) => match &a.pattern {
                None => {
                    if !pc.allow_irrefutable {
                        return Err(self.error(
                            loc,
                            &match &a.name {
                                Some(n) => format!("name capture '{n}' makes remaining patterns unreachable"),
                                None => "wildcard makes remaining patterns unreachable".to_string(),
                            },
                        ));
                    }
                    self.pattern_store_name(loc, a.name.as_deref(), pc)?;
                }
                Some(inner) => {
                    pc.on_top += 1;
                    self.addop_i(Opcode::COPY, 1, loc);
                    self.pattern(inner, pc)?;
                    pc.on_top -= 1;
                    self.pattern_store_name(loc, a.name.as_deref(), pc)?;
                }
            },
            Pattern::MatchOr(o) => self.pattern_or(&o.patterns, loc, pc)?,
        }
        Ok(())
    }

    fn pattern_sequence(&mut self, patterns: &'a [Pattern], loc: Location, pc: &mut PatternContext) -> CResult<()> {
        let size = patterns.len();
        let mut star: Option<usize> = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, p) in patterns.iter().enumerate() {
            if let Pattern::MatchStar(_) = p {
                if star.is_some() {
                    return Err(self.error(loc, "multiple starred names in sequence pattern"));
                }
                star_wildcard = wildcard_star(p);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= wildcard(p);
        }
        pc.on_top += 1;
        self.addop(Opcode::MATCH_SEQUENCE, loc);
        self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
        match star {
            None => {
                self.addop(Opcode::GET_LEN, loc);
                self.load_const(Constant::int(size as i64), loc);
                self.addop_compare(CmpOp::Eq, loc);
                self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
            }
            Some(_) if size > 1 => {
                self.addop(Opcode::GET_LEN, loc);
                self.load_const(Constant::int(size as i64 - 1), loc);
                self.addop_compare(CmpOp::GtE, loc);
                self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
            }
            _ => {}
        }
        pc.on_top -= 1;
        if only_wildcard {
            self.addop(Opcode::POP_TOP, loc);
        } else if star_wildcard {
            let star = star.unwrap_or(usize::MAX);
            pc.on_top += 1;
            for (i, p) in patterns.iter().enumerate() {
                if wildcard(p) || i == star {
                    continue;
                }
                self.addop_i(Opcode::COPY, 1, loc);
                if i < star {
                    self.load_const(Constant::int(i as i64), loc);
                } else {
                    self.addop(Opcode::GET_LEN, loc);
                    self.load_const(Constant::int((size - i) as i64), loc);
                    self.addop_i(Opcode::BINARY_OP, 10, loc);
                }
                self.addop(Opcode::BINARY_SUBSCR, loc);
                self.subpattern(p, pc)?;
            }
            pc.on_top -= 1;
            self.addop(Opcode::POP_TOP, loc);
        } else {
            self.pattern_unpack(patterns, loc)?;
            pc.on_top += size;
            for p in patterns {
                pc.on_top -= 1;
                self.subpattern(p, pc)?;
            }
        }
        Ok(())
    }

    fn pattern_unpack(&mut self, elts: &[Pattern], loc: Location) -> CResult<()> {
        let n = elts.len();
        let mut seen_star = false;
        for (i, e) in elts.iter().enumerate() {
            if matches!(e, Pattern::MatchStar(_)) && !seen_star {
                if i >= (1 << 8) || n - i - 1 >= (i32::MAX >> 8) as usize {
                    return Err(self.error(loc, "too many expressions in star-unpacking sequence pattern"));
                }
                self.addop_i(Opcode::UNPACK_EX, (i + ((n - i - 1) << 8)) as i32, loc);
                seen_star = true;
            } else if matches!(e, Pattern::MatchStar(_)) {
                return Err(self.error(loc, "multiple starred expressions in sequence pattern"));
            }
        }
        if !seen_star {
            self.addop_i(Opcode::UNPACK_SEQUENCE, n as i32, loc);
        }
        Ok(())
    }

    fn pattern_class(&mut self, c: &'a ast::PatternMatchClass, loc: Location, pc: &mut PatternContext) -> CResult<()> {
        let nargs = c.patterns.len();
        let nattrs = c.kwd_attrs.len();
        if nattrs != c.kwd_patterns.len() {
            return Err(self.error(
                loc,
                &format!("kwd_attrs ({nattrs}) / kwd_patterns ({}) length mismatch in class pattern", c.kwd_patterns.len()),
            ));
        }
        for (i, attr) in c.kwd_attrs.iter().enumerate() {
            let ploc = loc_of(c.kwd_patterns[i].range());
            if attr == "__debug__" {
                return Err(self.error(ploc, "cannot assign to __debug__"));
            }
            for j in i + 1..nattrs {
                if c.kwd_attrs[j] == *attr {
                    let l = loc_of(c.kwd_patterns[j].range());
                    return Err(self.error(l, &format!("attribute name repeated in class pattern: {attr}")));
                }
            }
        }
        self.visit_expr(&c.cls)?;
        let names: Vec<Constant> = c.kwd_attrs.iter().map(|a| Constant::str(a.as_str())).collect();
        self.load_const(Constant::tuple(names), loc);
        self.addop_i(Opcode::MATCH_CLASS, nargs as i32, loc);
        self.addop_i(Opcode::COPY, 1, loc);
        self.load_const(Constant::None, loc);
        self.addop_i(Opcode::IS_OP, 1, loc);
        pc.on_top += 1;
        self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
        self.addop_i(Opcode::UNPACK_SEQUENCE, (nargs + nattrs) as i32, loc);
        pc.on_top += nargs + nattrs;
        pc.on_top -= 1;
        for p in c.patterns.iter().chain(&c.kwd_patterns) {
            pc.on_top -= 1;
            if wildcard(p) {
                self.addop(Opcode::POP_TOP, loc);
                continue;
            }
            self.subpattern(p, pc)?;
        }
        Ok(())
    }

    fn pattern_mapping(&mut self, m: &'a ast::PatternMatchMapping, loc: Location, pc: &mut PatternContext) -> CResult<()> {
        let size = m.keys.len();
        if size != m.patterns.len() {
            return Err(self.error(
                loc,
                &format!("keys ({size}) / patterns ({}) length mismatch in mapping pattern", m.patterns.len()),
            ));
        }
        pc.on_top += 1;
        self.addop(Opcode::MATCH_MAPPING, loc);
        self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
        if size == 0 && m.rest.is_none() {
            pc.on_top -= 1;
            self.addop(Opcode::POP_TOP, loc);
            return Ok(());
        }
        if size > 0 {
            self.addop(Opcode::GET_LEN, loc);
            self.load_const(Constant::int(size as i64), loc);
            self.addop_compare(CmpOp::GtE, loc);
            self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
        }
        let mut seen: Vec<Vec<u8>> = Vec::new();
        for key in &m.keys {
            match key {
                Expr::Constant(c) => {
                    let v = crate::ast_opt::constant_value(c, self.folded);
                    let k = python_eq_key(&v);
                    if seen.contains(&k) {
                        return Err(self.error(
                            loc,
                            &format!("mapping pattern checks duplicate key ({})", crate::unparse::unparse_annotation(key)),
                        ));
                    }
                    seen.push(k);
                }
                Expr::Attribute(_) => {}
                _ => {
                    return Err(self.error(loc, "mapping pattern keys may only match literals and attribute lookups"));
                }
            }
            self.visit_expr(key)?;
        }
        self.addop_i(Opcode::BUILD_TUPLE, size as i32, loc);
        self.addop(Opcode::MATCH_KEYS, loc);
        pc.on_top += 2;
        self.addop_i(Opcode::COPY, 1, loc);
        self.load_const(Constant::None, loc);
        self.addop_i(Opcode::IS_OP, 1, loc);
        self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
        self.addop_i(Opcode::UNPACK_SEQUENCE, size as i32, loc);
        pc.on_top += size;
        pc.on_top -= 1;
        for p in &m.patterns {
            pc.on_top -= 1;
            self.subpattern(p, pc)?;
        }
        pc.on_top -= 2;
        if let Some(rest) = &m.rest {
            self.addop_i(Opcode::BUILD_MAP, 0, loc);
            self.addop_i(Opcode::SWAP, 3, loc);
            self.addop_i(Opcode::DICT_UPDATE, 2, loc);
            self.addop_i(Opcode::UNPACK_SEQUENCE, size as i32, loc);
            let mut s = size;
            while s > 0 {
                self.addop_i(Opcode::COPY, 1 + s as i32, loc);
                s -= 1;
                self.addop_i(Opcode::SWAP, 2, loc);
                self.addop(Opcode::DELETE_SUBSCR, loc);
            }
            self.pattern_store_name(loc, Some(rest), pc)?;
        } else {
            self.addop(Opcode::POP_TOP, loc);
            self.addop(Opcode::POP_TOP, loc);
        }
        Ok(())
    }

    fn pattern_or(&mut self, alts: &'a [Pattern], loc: Location, pc: &mut PatternContext) -> CResult<()> {
        let end = self.new_label();
        let size = alts.len();
        let old = pc.clone();
        let mut control: Option<Vec<String>> = None;
        for (i, alt) in alts.iter().enumerate() {
            let aloc = loc_of(alt.range());
            pc.stores = Vec::new();
            pc.allow_irrefutable = i == size - 1 && old.allow_irrefutable;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.addop_i(Opcode::COPY, 1, aloc);
            self.pattern(alt, pc)?;
            let nstores = pc.stores.len();
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(ctl) if nstores != ctl.len() => {
                    return Err(self.error(loc, "alternative patterns bind different names"));
                }
                Some(ctl) if nstores > 0 => {
                    let ctl = ctl.clone();
                    let mut icontrol = nstores;
                    while icontrol > 0 {
                        icontrol -= 1;
                        let name = &ctl[icontrol];
                        let Some(istores) = pc.stores.iter().position(|s| s == name) else {
                            return Err(self.error(loc, "alternative patterns bind different names"));
                        };
                        if icontrol != istores {
                            let rotations = istores + 1;
                            let rotated: Vec<String> = pc.stores.drain(..rotations).collect();
                            let at = icontrol - istores;
                            for (k, r) in rotated.into_iter().enumerate() {
                                pc.stores.insert(at + k, r);
                            }
                            for _ in 0..rotations {
                                self.pattern_rotate(aloc, icontrol + 1);
                            }
                        }
                    }
                }
                _ => {}
            }
            self.addop_jump(Opcode::JUMP, end, aloc);
            self.emit_and_reset_fail_pop(aloc, pc);
        }
        let control = control.unwrap_or_default();
        *pc = old;
        self.addop(Opcode::POP_TOP, loc);
        self.jump_to_fail_pop(loc, pc, Opcode::JUMP);
        self.use_label(end);
        let nstores = control.len();
        let nrots = nstores + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.pattern_rotate(loc, nrots);
            if pc.stores.contains(&name) {
                return Err(self.error(loc, &format!("multiple assignments to name '{name}' in pattern")));
            }
            pc.stores.push(name);
        }
        self.addop(Opcode::POP_TOP, loc);
        Ok(())
    }
}

/// Keys equal as Python's `==`/hash would make them in a set (1 == 1.0 == True).
fn python_eq_key(c: &Constant) -> Vec<u8> {
    match c {
        Constant::Bool(b) => format!("n{}", *b as u8).into_bytes(),
        Constant::Int(i) => format!("n{i}").into_bytes(),
        Constant::Float(f) if f.fract() == 0.0 && f.is_finite() && f.abs() < 1e18 => {
            format!("n{}", *f as i64).into_bytes()
        }
        _ => crate::unit::constant_key(c),
    }
}
