//! PEP 695 type parameters and type aliases: compile.c's `compiler_type_params`, the
//! `<generic parameters of NAME>` code unit a generic def or class is wrapped in, the lazy
//! bound/default units of each type parameter, and `compiler_typealias`.

use taipan_bytecode::{Constant, Opcode, PyStr};
use taipan_parser::ast::{self, Expr, ExprContext, TypeParam};

use super::expr::STACK_USE_GUIDELINE;
use super::{loc_of, CResult, Compiler, UnitKind};
use crate::instr_sequence::Location;
use crate::symtable::{key, type_param_default_key, type_params_key};

const INTRINSIC_TYPEVAR: i32 = 7;
const INTRINSIC_PARAMSPEC: i32 = 8;
const INTRINSIC_TYPEVARTUPLE: i32 = 9;
const INTRINSIC_TYPEALIAS: i32 = 11;
const INTRINSIC_TYPEVAR_WITH_BOUND: i32 = 2;
const INTRINSIC_TYPEVAR_WITH_CONSTRAINTS: i32 = 3;
const INTRINSIC_SET_TYPEPARAM_DEFAULT: i32 = 5;

impl<'a> Compiler<'a> {
    fn scope_by_key(&self, k: usize) -> usize {
        self.scopes.by_key(k).unwrap_or(0)
    }

    pub(super) fn enter_type_params_scope(&mut self, name: &str, tps: &'a Vec<TypeParam>, lineno: i32) -> CResult<()> {
        let scope = self.scope_by_key(type_params_key(tps));
        self.enter_scope(&format!("<generic parameters of {name}>"), UnitKind::TypeParams, scope, lineno)
    }

    pub(super) fn cell_index(&mut self, name: &str) -> i32 {
        let p = PyStr::new(name);
        let u = self.u();
        (match u.meta.cellvars.get(&p) {
            Some(i) => i,
            None => u.meta.cellvars.insert(p),
        }) as i32
    }

    fn bound_or_default(&mut self, e: &'a Expr, name: &str, k: usize, allow_starred: bool) -> CResult<()> {
        let scope = self.scope_by_key(k);
        self.enter_scope(name, UnitKind::TypeParams, scope, e.range().lineno as i32)?;
        let loc = loc_of(e.range());
        match e {
            Expr::Starred(s) if allow_starred => {
                self.visit_expr(&s.value)?;
                self.addop_i(Opcode::UNPACK_SEQUENCE, 1, loc);
            }
            _ => self.visit_expr(e)?,
        }
        self.addop(Opcode::RETURN_VALUE, loc);
        let code = self.finish_unit(true);
        self.make_closure(loc, code, 0)
    }

    /// `compiler_type_params`: build each TypeVar/ParamSpec/TypeVarTuple, store it under
    /// its name, and leave the tuple of all of them on the stack.
    pub(super) fn compile_type_params(&mut self, tps: &'a [TypeParam]) -> CResult<()> {
        let mut seen_default = false;
        for tp in tps {
            let loc = loc_of(tp.range());
            let (name, default) = match tp {
                TypeParam::TypeVar(t) => {
                    self.load_const(Constant::str(t.name.as_str()), loc);
                    match &t.bound {
                        Some(b) => {
                            self.bound_or_default(b, &t.name, key(t), false)?;
                            let intrinsic = if matches!(**b, Expr::Tuple(_)) {
                                INTRINSIC_TYPEVAR_WITH_CONSTRAINTS
                            } else {
                                INTRINSIC_TYPEVAR_WITH_BOUND
                            };
                            self.addop_i(Opcode::CALL_INTRINSIC_2, intrinsic, loc);
                        }
                        None => self.addop_i(Opcode::CALL_INTRINSIC_1, INTRINSIC_TYPEVAR, loc),
                    }
                    if let Some(d) = &t.default_value {
                        self.bound_or_default(d, &t.name, type_param_default_key(t), false)?;
                    }
                    (&t.name, t.default_value.is_some())
                }
                TypeParam::TypeVarTuple(t) => {
                    self.load_const(Constant::str(t.name.as_str()), loc);
                    self.addop_i(Opcode::CALL_INTRINSIC_1, INTRINSIC_TYPEVARTUPLE, loc);
                    if let Some(d) = &t.default_value {
                        self.bound_or_default(d, &t.name, key(t), true)?;
                    }
                    (&t.name, t.default_value.is_some())
                }
                TypeParam::ParamSpec(t) => {
                    self.load_const(Constant::str(t.name.as_str()), loc);
                    self.addop_i(Opcode::CALL_INTRINSIC_1, INTRINSIC_PARAMSPEC, loc);
                    if let Some(d) = &t.default_value {
                        self.bound_or_default(d, &t.name, key(t), false)?;
                    }
                    (&t.name, t.default_value.is_some())
                }
            };
            if default {
                seen_default = true;
                self.addop_i(Opcode::CALL_INTRINSIC_2, INTRINSIC_SET_TYPEPARAM_DEFAULT, loc);
            } else if seen_default {
                return Err(self.error(
                    loc,
                    &format!("non-default type parameter '{name}' follows default type parameter"),
                ));
            }
            self.addop_i(Opcode::COPY, 1, loc);
            self.nameop(name, ExprContext::Store, loc)?;
        }
        let first = loc_of(tps[0].range());
        self.addop_i(Opcode::BUILD_TUPLE, tps.len() as i32, first);
        Ok(())
    }

    /// The `__build_class__` call of a generic class: the bases plus `.generic_base`.
    pub(super) fn generic_class_call(&mut self, loc: Location, bases: &'a [Expr], kws: &'a [ast::Keyword]) -> CResult<()> {
        let simple = bases.len() + 1 + kws.len() * 2 <= STACK_USE_GUIDELINE
            && !bases.iter().any(|b| matches!(b, Expr::Starred(_)))
            && !kws.iter().any(|k| k.arg.is_none());
        if simple {
            self.visit_exprs(bases)?;
            self.nameop(".generic_base", ExprContext::Load, loc)?;
            let n = 2 + bases.len() as i32 + 1;
            if kws.is_empty() {
                self.addop_i(Opcode::CALL, n, loc);
            } else {
                for k in kws {
                    self.visit_expr(&k.value)?;
                }
                let names: Vec<Constant> = kws.iter().map(|k| Constant::str(k.arg.as_deref().unwrap_or(""))).collect();
                self.load_const(Constant::tuple(names), loc);
                self.addop_i(Opcode::CALL_KW, n + kws.len() as i32, loc);
            }
            return Ok(());
        }
        // Rare (starred bases or **kwargs): a synthetic base list. The clone is leaked so
        // that it lives as long as the tree the compiler borrows.
        let mut all: Vec<Expr> = bases.to_vec();
        let r = ast::TextRange {
            lineno: loc.lineno as u32,
            col_offset: loc.col_offset as u32,
            end_lineno: loc.end_lineno as u32,
            end_col_offset: loc.end_col_offset as u32,
        };
        all.push(Expr::Name(ast::ExprName { id: ".generic_base".into(), ctx: ExprContext::Load, range: r }));
        let all: &'a [Expr] = Box::leak(all.into_boxed_slice());
        self.call_helper(loc, 2, all, kws)
    }

    /// `compiler_typealias`.
    pub(super) fn compile_type_alias(&mut self, t: &'a ast::StmtTypeAlias) -> CResult<()> {
        let loc = loc_of(t.range);
        let Expr::Name(n) = &*t.name else { return Err(self.error(loc, "type alias name must be a Name")) };
        let name = n.id.as_str();
        let is_generic = !t.type_params.is_empty();
        if is_generic {
            self.enter_type_params_scope(name, &t.type_params, loc.lineno)?;
            self.load_const(Constant::str(name), loc);
            self.compile_type_params(&t.type_params)?;
        } else {
            self.load_const(Constant::str(name), loc);
            self.load_const(Constant::None, loc);
        }
        let scope = self.scope_by_key(key(t));
        self.enter_scope(name, UnitKind::Function, scope, loc.lineno)?;
        self.add_const(Constant::None);
        self.visit_expr(&t.value)?;
        self.addop(Opcode::RETURN_VALUE, loc);
        let code = self.finish_unit(false);
        self.make_closure(loc, code, 0)?;
        self.addop_i(Opcode::BUILD_TUPLE, 3, loc);
        self.addop_i(Opcode::CALL_INTRINSIC_1, INTRINSIC_TYPEALIAS, loc);
        if is_generic {
            let code = self.finish_unit(false);
            self.make_closure(loc, code, 0)?;
            self.addop(Opcode::PUSH_NULL, loc);
            self.addop_i(Opcode::CALL, 0, loc);
        }
        self.nameop(name, ExprContext::Store, loc)
    }
}
