//! Code units inside code units: functions (defaults, keyword-only defaults, annotations,
//! decorators, closures), classes (`__build_class__`, `__classcell__`,
//! `__static_attributes__`), lambdas, and comprehensions — inlined into the enclosing
//! unit as PEP 709 describes, or compiled as their own unit (generator expressions).



use taipan_bytecode::{Constant, Opcode, PyStr};
use taipan_parser::ast::{self, Expr, ExprContext, Stmt};

use super::scopes::{self, Sc};
use super::{docstring, loc_of, CResult, Compiler, FBlockDatum, FBlockKind, UnitKind, NO_LOC};
use crate::instr_sequence::{Instr, Label, Location};

const MAKE_FUNCTION_DEFAULTS: i32 = 1;
const MAKE_FUNCTION_KWDEFAULTS: i32 = 2;
const MAKE_FUNCTION_ANNOTATIONS: i32 = 4;
const MAKE_FUNCTION_CLOSURE: i32 = 8;

#[derive(Clone, Copy, PartialEq, Eq)]
enum CompType {
    Gen,
    List,
    Set,
    Dict,
}

struct InlineState {
    pushed_locals: Vec<String>,
    cleanup: Option<Label>,
    end: Option<Label>,
}

/// `_PyCompile_CleanDoc`: expand tabs, strip the first line's leading spaces and the
/// common indentation of the following lines.
pub fn clean_doc(doc: &str) -> String {
    let doc = expandtabs(doc);
    let lines: Vec<&str> = doc.split_inclusive('\n').collect();
    let mut margin = usize::MAX;
    for l in lines.iter().skip(1) {
        let stripped = l.trim_start_matches(' ');
        let indent = l.len() - stripped.len();
        if !stripped.is_empty() && !stripped.starts_with('\n') {
            margin = margin.min(indent);
        }
    }
    if margin == usize::MAX {
        margin = 0;
    }
    let first = lines.first().copied().unwrap_or("");
    let first_stripped = first.trim_start_matches(' ');
    if first_stripped.len() == first.len() && margin == 0 {
        return doc;
    }
    let mut out = String::with_capacity(doc.len());
    out.push_str(first_stripped);
    for l in lines.iter().skip(1) {
        let mut i = 0;
        let b = l.as_bytes();
        while i < margin && i < b.len() && b[i] == b' ' {
            i += 1;
        }
        out.push_str(&l[i..]);
    }
    out
}

fn expandtabs(s: &str) -> String {
    if !s.contains('\t') {
        return s.to_string();
    }
    let mut out = String::new();
    let mut col = 0;
    for ch in s.chars() {
        match ch {
            '\t' => {
                let n = 8 - (col % 8);
                for _ in 0..n {
                    out.push(' ');
                }
                col += n;
            }
            '\n' | '\r' => {
                out.push(ch);
                col = 0;
            }
            _ => {
                out.push(ch);
                col += 1;
            }
        }
    }
    out
}

fn doc_const(doc: &ast::Wtf8Buf, optimize: i32) -> Option<Constant> {
    if optimize >= 2 {
        return None;
    }
    Some(match doc.as_str() {
        Some(s) => Constant::str(clean_doc(s).as_str()),
        None => Constant::str(PyStr::from_surrogatepass_utf8(doc.as_bytes()).unwrap_or_default()),
    })
}

impl<'a> Compiler<'a> {
    fn visit_defaults(&mut self, args: &'a ast::Arguments, loc: Location) -> CResult<i32> {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            self.visit_exprs(&args.defaults)?;
            self.addop_i(Opcode::BUILD_TUPLE, args.defaults.len() as i32, loc);
            flags |= MAKE_FUNCTION_DEFAULTS;
        }
        let mut keys = Vec::new();
        for (a, d) in args.kwonlyargs.iter().zip(&args.kw_defaults) {
            if let Some(d) = d {
                keys.push(Constant::str(self.mangle(&a.arg).as_str()));
                self.visit_expr(d)?;
            }
        }
        if !keys.is_empty() {
            let n = keys.len() as i32;
            self.load_const(Constant::tuple(keys), loc);
            self.addop_i(Opcode::BUILD_CONST_KEY_MAP, n, loc);
            flags |= MAKE_FUNCTION_KWDEFAULTS;
        }
        Ok(flags)
    }

    fn visit_annotations(&mut self, args: &'a ast::Arguments, returns: Option<&'a Expr>, loc: Location) -> CResult<bool> {
        let mut n = 0;
        for a in args.args.iter().chain(&args.posonlyargs) {
            self.visit_argannotation(&a.arg, a.annotation.as_deref(), &mut n, loc)?;
        }
        if let Some(v) = &args.vararg {
            self.visit_argannotation(&v.arg, v.annotation.as_deref(), &mut n, loc)?;
        }
        for a in &args.kwonlyargs {
            self.visit_argannotation(&a.arg, a.annotation.as_deref(), &mut n, loc)?;
        }
        if let Some(v) = &args.kwarg {
            self.visit_argannotation(&v.arg, v.annotation.as_deref(), &mut n, loc)?;
        }
        self.visit_argannotation("return", returns, &mut n, loc)?;
        if n > 0 {
            self.addop_i(Opcode::BUILD_TUPLE, n, loc);
        }
        Ok(n > 0)
    }

    fn visit_argannotation(&mut self, id: &str, ann: Option<&'a Expr>, n: &mut i32, loc: Location) -> CResult<()> {
        let Some(ann) = ann else { return Ok(()) };
        let m = self.mangle(id);
        self.load_const(Constant::str(m.as_str()), loc);
        if self.future_annotations {
            self.visit_annexpr(ann)?;
        } else if let Expr::Starred(s) = ann {
            self.visit_expr(&s.value)?;
            self.addop_i(Opcode::UNPACK_SEQUENCE, 1, loc);
        } else {
            self.visit_expr(ann)?;
        }
        *n += 2;
        Ok(())
    }

    pub fn compile_function(&mut self, s: &'a Stmt) -> CResult<()> {
        let (name, args, body, decos, returns, type_params, is_async, range) = match s {
            Stmt::FunctionDef(f) => (&f.name, &*f.args, &f.body, &f.decorator_list, f.returns.as_deref(), &f.type_params, false, f.range),
            Stmt::AsyncFunctionDef(f) => {
                (&f.name, &*f.args, &f.body, &f.decorator_list, f.returns.as_deref(), &f.type_params, true, f.range)
            }
            _ => unreachable!(),
        };
        let loc = loc_of(range);
        self.check_debug_args(args)?;
        let firstlineno = decos.first().map_or(range.lineno, |d| d.range().lineno) as i32;
        self.visit_exprs(decos)?;
        let mut flags = self.visit_defaults(args, loc)?;
        let is_generic = !type_params.is_empty();
        let mut num_tp_args = 0;
        if is_generic {
            num_tp_args = (flags & MAKE_FUNCTION_DEFAULTS != 0) as i32 + (flags & MAKE_FUNCTION_KWDEFAULTS != 0) as i32;
            if num_tp_args == 2 {
                self.addop_i(Opcode::SWAP, 2, loc);
            }
            self.enter_type_params_scope(name, type_params, firstlineno)?;
            self.compile_type_params(type_params)?;
            for i in 0..num_tp_args {
                self.addop_i(Opcode::LOAD_FAST, i, loc);
            }
        }
        if self.visit_annotations(args, returns, loc)? {
            flags |= MAKE_FUNCTION_ANNOTATIONS;
        }
        let scope = self.scopes.lookup_stmt(s).unwrap_or(0);
        let kind = if is_async { UnitKind::AsyncFunction } else { UnitKind::Function };
        self.enter_scope(name, kind, scope, firstlineno)?;
        let mut first = 0;
        let doc = match docstring(body) {
            Some(d) => {
                first = 1;
                doc_const(d, self.optimize)
            }
            None => None,
        };
        self.add_const(doc.unwrap_or(Constant::None));
        let start = self.new_label();
        self.use_label(start);
        let sc = self.cur_scope();
        let stopiter = sc.is_coroutine || sc.is_generator;
        if stopiter {
            self.push_fblock(NO_LOC, FBlockKind::StopIteration, start, None, FBlockDatum::None)?;
        }
        {
            let m = &mut self.u().meta;
            m.argcount = args.args.len() as i32;
            m.posonlyargcount = args.posonlyargs.len() as i32;
            m.kwonlyargcount = args.kwonlyargs.len() as i32;
        }
        self.visit_stmts(&body[first..])?;
        if stopiter {
            self.wrap_in_stopiteration_handler();
            self.pop_fblock();
        }
        let code = self.finish_unit(true);
        self.make_closure(loc, code, flags)?;
        if is_generic {
            self.addop_i(Opcode::SWAP, 2, loc);
            self.addop_i(Opcode::CALL_INTRINSIC_2, 4, loc);
            self.u().meta.argcount = num_tp_args;
            let code = self.finish_unit(false);
            self.make_closure(loc, code, 0)?;
            if num_tp_args > 0 {
                self.addop_i(Opcode::SWAP, num_tp_args + 1, loc);
                self.addop_i(Opcode::CALL, num_tp_args - 1, loc);
            } else {
                self.addop(Opcode::PUSH_NULL, loc);
                self.addop_i(Opcode::CALL, 0, loc);
            }
        }
        for d in decos.iter().rev() {
            self.addop_i(Opcode::CALL, 0, loc_of(d.range()));
        }
        self.nameop(name, ExprContext::Store, loc)
    }

    fn child_scope<T>(&self, node: &T) -> usize {
        self.scopes.lookup(node).unwrap_or(0)
    }

    /// Append the implicit `return None` when asked, close the unit, assemble it.
    pub fn finish_unit(&mut self, add_none: bool) -> (Constant, Vec<PyStr>) {
        if add_none {
            self.load_const(Constant::None, NO_LOC);
        }
        self.addop(Opcode::RETURN_VALUE, NO_LOC);
        let out = self.exit_scope();
        let free: Vec<PyStr> = out.meta.freevars.items().to_vec();
        (self.finish_child(out), free)
    }

    fn wrap_in_stopiteration_handler(&mut self) {
        let handler = self.new_label();
        let u = self.u();
        u.seq.instrs.insert(0, Instr { opcode: Opcode::SETUP_CLEANUP, oparg: handler.0, loc: NO_LOC });
        for l in u.seq.label_map.iter_mut() {
            if *l >= 0 {
                *l += 1;
            }
        }
        self.load_const(Constant::None, NO_LOC);
        self.addop(Opcode::RETURN_VALUE, NO_LOC);
        self.use_label(handler);
        self.addop_i(Opcode::CALL_INTRINSIC_1, 3, NO_LOC);
        self.addop_i(Opcode::RERAISE, 1, NO_LOC);
    }

    /// `get_ref_type` + `compiler_lookup_arg`: LOAD_CLOSURE for each free variable of the
    /// child, then MAKE_FUNCTION and its attributes.
    pub(super) fn make_closure(&mut self, loc: Location, code: (Constant, Vec<PyStr>), mut flags: i32) -> CResult<()> {
        let (code, free) = code;
        if !free.is_empty() {
            for name in &free {
                let n = name.as_str().unwrap_or("");
                let is_class = self.ur().kind == UnitKind::Class;
                let reftype = if is_class && (n == "__class__" || n == "__classdict__") {
                    Sc::Cell
                } else {
                    self.lookup_scope(n)
                };
                let arg = if reftype == Sc::Cell {
                    let u = self.u();
                    match u.meta.cellvars.get(name) {
                        Some(i) => i,
                        None => u.meta.cellvars.insert(name.clone()),
                    }
                } else {
                    let ncell = self.ur().meta.cellvars.len();
                    let u = self.u();
                    ncell
                        + match u.meta.freevars.get(name) {
                            Some(i) => i,
                            None => u.meta.freevars.insert(name.clone()),
                        }
                };
                self.addop_i(Opcode::LOAD_CLOSURE, arg as i32, loc);
            }
            flags |= MAKE_FUNCTION_CLOSURE;
            self.addop_i(Opcode::BUILD_TUPLE, free.len() as i32, loc);
        }
        self.load_const(code, loc);
        self.addop(Opcode::MAKE_FUNCTION, loc);
        for f in [MAKE_FUNCTION_CLOSURE, MAKE_FUNCTION_ANNOTATIONS, MAKE_FUNCTION_KWDEFAULTS, MAKE_FUNCTION_DEFAULTS] {
            if flags & f != 0 {
                self.addop_i(Opcode::SET_FUNCTION_ATTRIBUTE, f, loc);
            }
        }
        Ok(())
    }

    pub fn compile_class(&mut self, c: &'a ast::StmtClassDef) -> CResult<()> {
        let loc = loc_of(c.range);
        let firstlineno = c.decorator_list.first().map_or(c.range.lineno, |d| d.range().lineno) as i32;
        self.visit_exprs(&c.decorator_list)?;
        let is_generic = !c.type_params.is_empty();
        if is_generic {
            self.enter_type_params_scope(&c.name, &c.type_params, firstlineno)?;
            self.u().private = Some(c.name.clone());
            self.compile_type_params(&c.type_params)?;
            self.nameop(".type_params", ExprContext::Store, loc)?;
        }
        let scope = self.child_scope(c);
        self.enter_scope(&c.name, UnitKind::Class, scope, firstlineno)?;
        let bloc = Location { lineno: firstlineno, end_lineno: firstlineno, col_offset: 0, end_col_offset: 0 };
        self.nameop("__name__", ExprContext::Load, bloc)?;
        self.nameop("__module__", ExprContext::Store, bloc)?;
        let q = self.ur().meta.qualname.clone();
        self.load_const(Constant::str(q), bloc);
        self.nameop("__qualname__", ExprContext::Store, bloc)?;
        self.load_const(Constant::int(firstlineno), bloc);
        self.nameop("__firstlineno__", ExprContext::Store, bloc)?;
        if is_generic {
            self.nameop(".type_params", ExprContext::Load, bloc)?;
            self.nameop("__type_params__", ExprContext::Store, bloc)?;
        }
        if self.cur_scope().needs_classdict {
            self.addop(Opcode::LOAD_LOCALS, bloc);
            let i = self.cell_index("__classdict__");
            self.addop_i(Opcode::STORE_DEREF, i, bloc);
        }
        self.compile_body_at(&c.body, bloc)?;
        let attrs: Vec<Constant> =
            self.ur().static_attributes.iter().map(|s| Constant::str(s.as_str())).collect();
        self.load_const(Constant::tuple(attrs), NO_LOC);
        self.nameop("__static_attributes__", ExprContext::Store, NO_LOC)?;
        if self.cur_scope().needs_classdict {
            let i = self.cell_index("__classdict__");
            self.addop_i(Opcode::LOAD_CLOSURE, i, NO_LOC);
            self.nameop("__classdictcell__", ExprContext::Store, NO_LOC)?;
        }
        if self.cur_scope().needs_class_closure {
            let i = self.ur().meta.cellvars.get(&PyStr::new("__class__")).unwrap_or(0) as i32;
            self.addop_i(Opcode::LOAD_CLOSURE, i, NO_LOC);
            self.addop_i(Opcode::COPY, 1, NO_LOC);
            let idx = self.add_name_raw("__classcell__");
            self.addop_i(Opcode::STORE_NAME, idx, NO_LOC);
        } else {
            self.load_const(Constant::None, NO_LOC);
        }
        self.addop(Opcode::RETURN_VALUE, NO_LOC);
        let code = self.finish_unit(true);
        self.addop(Opcode::LOAD_BUILD_CLASS, loc);
        self.addop(Opcode::PUSH_NULL, loc);
        self.make_closure(loc, code, 0)?;
        self.load_const(Constant::str(c.name.as_str()), loc);
        if is_generic {
            self.nameop(".type_params", ExprContext::Load, loc)?;
            self.addop_i(Opcode::CALL_INTRINSIC_1, 10, loc);
            self.nameop(".generic_base", ExprContext::Store, loc)?;
            self.generic_class_call(loc, &c.bases, &c.keywords)?;
            let code = self.finish_unit(false);
            self.make_closure(loc, code, 0)?;
            self.addop(Opcode::PUSH_NULL, loc);
            self.addop_i(Opcode::CALL, 0, loc);
        } else {
            self.call_helper(loc, 2, &c.bases, &c.keywords)?;
        }
        for d in c.decorator_list.iter().rev() {
            self.addop_i(Opcode::CALL, 0, loc_of(d.range()));
        }
        self.nameop(&c.name, ExprContext::Store, loc)
    }

    pub fn compile_lambda(&mut self, l: &'a ast::ExprLambda) -> CResult<()> {
        let loc = loc_of(l.range);
        self.check_debug_args(&l.args)?;
        let flags = self.visit_defaults(&l.args, loc)?;
        let scope = self.child_scope(l);
        self.enter_scope("<lambda>", UnitKind::Lambda, scope, l.range.lineno as i32)?;
        self.add_const(Constant::None);
        {
            let m = &mut self.u().meta;
            m.argcount = l.args.args.len() as i32;
            m.posonlyargcount = l.args.posonlyargs.len() as i32;
            m.kwonlyargcount = l.args.kwonlyargs.len() as i32;
        }
        self.visit_expr(&l.body)?;
        let is_gen = self.cur_scope().is_generator;
        if !is_gen {
            self.addop(Opcode::RETURN_VALUE, loc_of(l.body.range()));
        }
        let code = self.finish_unit(!is_gen);
        self.make_closure(loc, code, flags)
    }

    pub fn compile_comprehension(&mut self, e: &'a Expr) -> CResult<()> {
        let (ty, name, gens, elt, val) = match e {
            Expr::GeneratorExp(g) => (CompType::Gen, "<genexpr>", &g.generators, &*g.elt, None),
            Expr::ListComp(g) => (CompType::List, "<listcomp>", &g.generators, &*g.elt, None),
            Expr::SetComp(g) => (CompType::Set, "<setcomp>", &g.generators, &*g.elt, None),
            Expr::DictComp(g) => (CompType::Dict, "<dictcomp>", &g.generators, &*g.key, Some(&*g.value)),
            _ => unreachable!(),
        };
        let scope = self.scopes.lookup_expr(e).unwrap_or(0);
        let is_inlined = self.scopes.scopes[scope].comp_inlined;
        let is_async = self.scopes.scopes[scope].is_coroutine;
        let loc = loc_of(e.range());
        let outer_kind = self.ur().kind;
        let outermost = &gens[0];
        let mut state = None;
        if is_inlined {
            self.visit_expr(&outermost.iter)?;
            let iloc = loc_of(outermost.iter.range());
            if outermost.is_async != 0 {
                self.addop(Opcode::GET_AITER, iloc);
            } else {
                self.addop(Opcode::GET_ITER, iloc);
            }
            state = Some(self.push_inlined_comprehension_state(loc, scope)?);
        } else {
            self.enter_scope(name, UnitKind::Comprehension, scope, e.range().lineno as i32)?;
        }
        if is_async
            && ty != CompType::Gen
            && outer_kind != UnitKind::AsyncFunction
            && outer_kind != UnitKind::Comprehension
        {
            return Err(self.error(loc, "asynchronous comprehension outside of an asynchronous function"));
        }
        if ty != CompType::Gen {
            let op = match ty {
                CompType::List => Opcode::BUILD_LIST,
                CompType::Set => Opcode::BUILD_SET,
                _ => Opcode::BUILD_MAP,
            };
            self.addop_i(op, 0, loc);
            if is_inlined {
                self.addop_i(Opcode::SWAP, 2, loc);
            }
        }
        self.comprehension_generator(loc, gens, 0, 0, elt, val, ty, is_inlined)?;
        if let Some(st) = state {
            return self.pop_inlined_comprehension_state(loc, st);
        }
        if ty != CompType::Gen {
            self.addop(Opcode::RETURN_VALUE, loc);
        } else {
            self.wrap_in_stopiteration_handler();
        }
        let code = self.finish_unit(true);
        self.make_closure(loc, code, 0)?;
        self.visit_expr(&outermost.iter)?;
        let iloc = loc_of(outermost.iter.range());
        if outermost.is_async != 0 {
            self.addop(Opcode::GET_AITER, iloc);
        } else {
            self.addop(Opcode::GET_ITER, iloc);
        }
        self.addop_i(Opcode::CALL, 0, loc);
        if is_async && ty != CompType::Gen {
            self.addop_i(Opcode::GET_AWAITABLE, 0, loc);
            self.load_const(Constant::None, loc);
            self.add_yield_from(loc, true);
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn comprehension_generator(
        &mut self,
        loc: Location,
        gens: &'a [ast::Comprehension],
        gen_index: usize,
        depth: i32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        ty: CompType,
        iter_on_stack: bool,
    ) -> CResult<()> {
        if gens[gen_index].is_async != 0 {
            self.async_comprehension_generator(loc, gens, gen_index, depth, elt, val, ty, iter_on_stack)
        } else {
            self.sync_comprehension_generator(loc, gens, gen_index, depth, elt, val, ty, iter_on_stack)
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn sync_comprehension_generator(
        &mut self,
        loc: Location,
        gens: &'a [ast::Comprehension],
        mut gen_index: usize,
        mut depth: i32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        ty: CompType,
        iter_on_stack: bool,
    ) -> CResult<()> {
        let mut start = Some(self.new_label());
        let if_cleanup = self.new_label();
        let anchor = self.new_label();
        let gen = &gens[gen_index];
        if !iter_on_stack {
            if gen_index == 0 {
                self.u().meta.argcount = 1;
                self.addop_i(Opcode::LOAD_FAST, 0, loc);
            } else {
                let elts = match &*gen.iter {
                    Expr::List(l) => Some(&l.elts),
                    Expr::Tuple(t) => Some(&t.elts),
                    _ => None,
                };
                if let Some(elts) = elts {
                    if elts.len() == 1 && !matches!(elts[0], Expr::Starred(_)) {
                        self.visit_expr(&elts[0])?;
                        start = None;
                    }
                }
                if start.is_some() {
                    self.visit_expr(&gen.iter)?;
                    self.addop(Opcode::GET_ITER, loc_of(gen.iter.range()));
                }
            }
        }
        if let Some(st) = start {
            depth += 1;
            self.use_label(st);
            self.addop_jump(Opcode::FOR_ITER, anchor, loc_of(gen.iter.range()));
        }
        self.visit_expr(&gen.target)?;
        for cond in &gen.ifs {
            self.jump_if(loc, cond, if_cleanup, false)?;
        }
        gen_index += 1;
        if gen_index < gens.len() {
            self.comprehension_generator(loc, gens, gen_index, depth, elt, val, ty, false)?;
        }
        let mut elt_loc = loc_of(elt.range());
        if gen_index >= gens.len() {
            self.comprehension_body(elt, val, ty, depth, &mut elt_loc)?;
        }
        self.use_label(if_cleanup);
        if let Some(st) = start {
            self.addop_jump(Opcode::JUMP, st, elt_loc);
            self.use_label(anchor);
            self.addop(Opcode::END_FOR, NO_LOC);
            self.addop(Opcode::POP_TOP, NO_LOC);
        }
        Ok(())
    }

    fn comprehension_body(&mut self, elt: &'a Expr, val: Option<&'a Expr>, ty: CompType, depth: i32, elt_loc: &mut Location) -> CResult<()> {
        match ty {
            CompType::Gen => {
                self.visit_expr(elt)?;
                self.addop_yield(*elt_loc);
                self.addop(Opcode::POP_TOP, *elt_loc);
            }
            CompType::List => {
                self.visit_expr(elt)?;
                self.addop_i(Opcode::LIST_APPEND, depth + 1, *elt_loc);
            }
            CompType::Set => {
                self.visit_expr(elt)?;
                self.addop_i(Opcode::SET_ADD, depth + 1, *elt_loc);
            }
            CompType::Dict => {
                let val = val.expect("dict value");
                self.visit_expr(elt)?;
                self.visit_expr(val)?;
                let (er, vr) = (elt.range(), val.range());
                *elt_loc = Location {
                    lineno: er.lineno as i32,
                    end_lineno: vr.end_lineno as i32,
                    col_offset: er.col_offset as i32,
                    end_col_offset: vr.end_col_offset as i32,
                };
                self.addop_i(Opcode::MAP_ADD, depth + 1, *elt_loc);
            }
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn async_comprehension_generator(
        &mut self,
        loc: Location,
        gens: &'a [ast::Comprehension],
        mut gen_index: usize,
        mut depth: i32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
        ty: CompType,
        iter_on_stack: bool,
    ) -> CResult<()> {
        let start = self.new_label();
        let except = self.new_label();
        let if_cleanup = self.new_label();
        let gen = &gens[gen_index];
        if !iter_on_stack {
            if gen_index == 0 {
                self.u().meta.argcount = 1;
                self.addop_i(Opcode::LOAD_FAST, 0, loc);
            } else {
                self.visit_expr(&gen.iter)?;
                self.addop(Opcode::GET_AITER, loc_of(gen.iter.range()));
            }
        }
        self.use_label(start);
        self.push_fblock(loc, FBlockKind::AsyncComprehensionGenerator, start, None, FBlockDatum::None)?;
        self.addop_jump(Opcode::SETUP_FINALLY, except, loc);
        self.addop(Opcode::GET_ANEXT, loc);
        self.load_const(Constant::None, loc);
        self.add_yield_from(loc, true);
        self.addop(Opcode::POP_BLOCK, loc);
        self.visit_expr(&gen.target)?;
        for cond in &gen.ifs {
            self.jump_if(loc, cond, if_cleanup, false)?;
        }
        depth += 1;
        gen_index += 1;
        if gen_index < gens.len() {
            self.comprehension_generator(loc, gens, gen_index, depth, elt, val, ty, false)?;
        }
        let mut elt_loc = loc_of(elt.range());
        if gen_index >= gens.len() {
            self.comprehension_body(elt, val, ty, depth, &mut elt_loc)?;
        }
        self.use_label(if_cleanup);
        self.addop_jump(Opcode::JUMP, start, elt_loc);
        self.pop_fblock();
        self.use_label(except);
        self.addop(Opcode::END_ASYNC_FOR, loc);
        Ok(())
    }

    fn push_inlined_comprehension_state(&mut self, loc: Location, comp: usize) -> CResult<InlineState> {
        let in_class_block = self.ur().kind == UnitKind::Class && self.ur().in_inlined_comp == 0;
        let function_like = self.in_function();
        self.u().in_inlined_comp += 1;
        self.u().inlined_scopes.push(comp);
        let mut state = InlineState { pushed_locals: Vec::new(), cleanup: None, end: None };
        let names: Vec<String> = self.scopes.scopes[comp].order.clone();
        for k in names {
            let sym = &self.scopes.scopes[comp].symbols[&k];
            let (flags, sc) = (sym.flags, sym.scope);
            if (flags & scopes::DEF_LOCAL != 0 && flags & scopes::DEF_NONLOCAL == 0) || in_class_block {
                if !function_like {
                    let u = self.u();
                    u.fasthidden_active.insert(k.clone());
                    let pk = PyStr::new(&k);
                    if !u.meta.fasthidden.contains(&pk) {
                        u.meta.fasthidden.push(pk);
                    }
                }
                let idx = self.u().meta.varnames.insert(PyStr::new(&k)) as i32;
                self.addop_i(Opcode::LOAD_FAST_AND_CLEAR, idx, loc);
                if sc == Sc::Cell {
                    let outer_free = self.cur_scope().get_scope(&k) == Sc::Free;
                    let pk = PyStr::new(&k);
                    let ncell = self.ur().meta.cellvars.len();
                    let u = self.u();
                    let i = if outer_free {
                        ncell + u.meta.freevars.get(&pk).unwrap_or_else(|| u.meta.freevars.insert(pk.clone()))
                    } else {
                        u.meta.cellvars.get(&pk).unwrap_or_else(|| u.meta.cellvars.insert(pk.clone()))
                    };
                    self.addop_i(Opcode::MAKE_CELL, i as i32, loc);
                }
                state.pushed_locals.push(k);
            }
        }
        if !state.pushed_locals.is_empty() {
            self.addop_i(Opcode::SWAP, state.pushed_locals.len() as i32 + 1, loc);
            let cleanup = self.new_label();
            let end = self.new_label();
            state.cleanup = Some(cleanup);
            state.end = Some(end);
            self.addop_jump(Opcode::SETUP_FINALLY, cleanup, loc);
        }
        Ok(state)
    }

    fn pop_inlined_comprehension_state(&mut self, loc: Location, state: InlineState) -> CResult<()> {
        self.u().in_inlined_comp -= 1;
        self.u().inlined_scopes.pop();
        if !self.in_function() {
            for k in &state.pushed_locals {
                self.u().fasthidden_active.remove(k);
            }
        }
        if let (Some(cleanup), Some(end)) = (state.cleanup, state.end) {
            self.addop(Opcode::POP_BLOCK, NO_LOC);
            self.addop_jump(Opcode::JUMP_NO_INTERRUPT, end, NO_LOC);
            self.use_label(cleanup);
            self.addop_i(Opcode::SWAP, 2, NO_LOC);
            self.addop(Opcode::POP_TOP, NO_LOC);
            self.restore_inlined_locals(loc, &state.pushed_locals);
            self.addop_i(Opcode::RERAISE, 0, NO_LOC);
            self.use_label(end);
            self.restore_inlined_locals(loc, &state.pushed_locals);
        }
        Ok(())
    }

    fn restore_inlined_locals(&mut self, loc: Location, pushed: &[String]) {
        self.addop_i(Opcode::SWAP, pushed.len() as i32 + 1, loc);
        for k in pushed.iter().rev() {
            let idx = self.u().meta.varnames.insert(PyStr::new(k)) as i32;
            self.addop_i(Opcode::STORE_FAST_MAYBE_NULL, idx, loc);
        }
    }

    /// `compiler_body` for a class: `SETUP_ANNOTATIONS` at the class location.
    pub(super) fn compile_body_at(&mut self, body: &'a [Stmt], loc: Location) -> CResult<()> {
        if super::find_ann(body) {
            self.addop(Opcode::SETUP_ANNOTATIONS, loc);
        }
        let mut first = 0;
        if let Some(d) = docstring(body) {
            first = 1;
            if let Some(c) = doc_const(d, self.optimize) {
                let Stmt::Expr(e) = &body[0] else { unreachable!() };
                self.load_const(c, loc_of(e.value.range()));
                self.nameop("__doc__", ExprContext::Store, NO_LOC)?;
            }
        }
        self.visit_stmts(&body[first..])
    }
}

