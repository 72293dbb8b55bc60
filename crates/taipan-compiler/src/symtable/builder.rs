//! First pass (`symtable_visit_*` of CPython 3.13's symtable.c): walks the AST, opening a
//! block for every scope and recording the raw `DEF_*` facts of every name, and raises
//! the errors that need only those facts (duplicate arguments, `global` after use, walrus
//! targets in comprehensions, `yield` in comprehensions or annotation scopes, …).
//!
//! What 3.13 does *not* check here (codegen does, so a symtable error earlier in the file
//! wins over them): `__debug__` assignments, late `from __future__` imports, `await`/
//! `async for`/`async with`/async comprehensions outside async functions.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use taipan_parser::ast::{self, Expr, ExprContext, Stmt, TextRange, TypeParam};
use taipan_parser::error::{SyntaxError, SyntaxErrorKind};

use super::*;
use crate::future::FutureFeatures;

/// CPython's `Py_C_RECURSION_LIMIT` (3.13, release build): deeper ASTs raise
/// RecursionError "maximum recursion depth exceeded during compilation". CPython counts
/// from the C recursion depth at which the compiler was called (0 for a script run by
/// `python3.13 FILE`, 1-2 for `compile()` called from Python): see `starting_depth`.
const RECURSION_LIMIT: u32 = 10_000;

type R<T = ()> = Result<T, SyntaxError>;

/// `SET_ERROR_LOCATION`: 1-based UTF-8 byte offsets, as CPython leaves them.
pub(super) fn error_at(msg: String, loc: TextRange) -> SyntaxError {
    SyntaxError {
        kind: SyntaxErrorKind::SyntaxError,
        msg,
        lineno: loc.lineno,
        offset: loc.col_offset + 1,
        end_lineno: Some(loc.end_lineno),
        end_offset: Some(loc.end_col_offset + 1),
        text: None,
    }
}

struct Builder<'a> {
    future: FutureFeatures,
    entries: Vec<SymbolTableEntry>,
    blocks: HashMap<BlockKey, EntryId>,
    stack: Vec<EntryId>,
    cur: EntryId,
    /// `st_private`: the name of the innermost enclosing class.
    private: Option<&'a str>,
    depth: u32,
}

pub(super) fn build(
    module: &ast::Mod,
    filename: &str,
    future: FutureFeatures,
    starting_depth: u32,
) -> R<SymbolTable> {
    let mut b = Builder {
        future,
        entries: Vec::new(),
        blocks: HashMap::default(),
        stack: Vec::new(),
        cur: 0,
        private: None,
        depth: starting_depth,
    };
    b.enter_block("top", BlockType::Module, key(module), TextRange::default());
    match module {
        ast::Mod::Module(m) => b.visit_stmts(&m.body)?,
        ast::Mod::Interactive(m) => b.visit_stmts(&m.body)?,
        ast::Mod::Expression(m) => b.visit_expr(&m.body)?,
        ast::Mod::FunctionType(_) => {
            return Err(SyntaxError {
                kind: SyntaxErrorKind::SyntaxError,
                msg: "this compiler does not handle FunctionTypes".into(),
                lineno: 0,
                offset: 0,
                end_lineno: None,
                end_offset: None,
                text: None,
            })
        }
    }
    b.exit_block();
    Ok(SymbolTable {
        filename: filename.to_owned(),
        future,
        entries: b.entries,
        blocks: b.blocks,
    })
}

fn recursion_error() -> SyntaxError {
    SyntaxError {
        kind: SyntaxErrorKind::RecursionError,
        msg: "maximum recursion depth exceeded during compilation".into(),
        lineno: 0,
        offset: 0,
        end_lineno: None,
        end_offset: None,
        text: None,
    }
}

fn loc_of_arg(a: &ast::Arg) -> TextRange {
    a.range
}

impl<'a> Builder<'a> {
    fn cur(&mut self) -> &mut SymbolTableEntry {
        &mut self.entries[self.cur]
    }

    fn ste_new(&mut self, name: &str, typ: BlockType, k: BlockKey, loc: TextRange) -> EntryId {
        let nested = !self.stack.is_empty() && {
            let c = &self.entries[self.cur];
            c.nested || c.is_function_like()
        };
        let id = self.entries.len();
        self.entries.push(SymbolTableEntry {
            id: k,
            typ,
            name: name.to_owned(),
            scope_info: None,
            symbols: SymbolMap::default(),
            varnames: Vec::new(),
            children: Vec::new(),
            mangled_names: None,
            nested,
            free: false,
            child_free: false,
            generator: false,
            coroutine: false,
            comprehension: ComprehensionType::NoComprehension,
            varargs: false,
            varkeywords: false,
            returns_value: false,
            needs_class_closure: false,
            needs_classdict: false,
            comp_inlined: false,
            can_see_class_scope: false,
            lineno: loc.lineno as i32,
            col_offset: loc.col_offset as i32,
            end_lineno: loc.end_lineno as i32,
            end_col_offset: loc.end_col_offset as i32,
            parent: if self.stack.is_empty() {
                None
            } else {
                Some(self.cur)
            },
            comp_iter_target: false,
            comp_iter_expr: 0,
            directives: Vec::new(),
        });
        // `st_blocks[key] = ste`: a later block with the same key replaces an earlier one.
        self.blocks.insert(k, id);
        id
    }

    /// `symtable_enter_block`.
    fn enter_block(&mut self, name: &str, typ: BlockType, k: BlockKey, loc: TextRange) {
        let id = self.ste_new(name, typ, k, loc);
        let prev = if self.stack.is_empty() {
            None
        } else {
            Some(self.cur)
        };
        self.stack.push(id);
        if let Some(p) = prev {
            self.entries[id].comp_iter_expr = self.entries[p].comp_iter_expr;
            if typ != BlockType::Class {
                if let Some(m) = self.entries[p].mangled_names.clone() {
                    self.entries[id].mangled_names = Some(m);
                }
            }
        }
        self.cur = id;
        // Annotation blocks (future annotations) are never children: they don't affect
        // the symbol table since their annotations are compiled to strings.
        if typ == BlockType::Annotation {
            return;
        }
        if let Some(p) = prev {
            self.entries[p].children.push(id);
        }
    }

    /// `symtable_exit_block`.
    fn exit_block(&mut self) {
        self.stack.pop();
        if let Some(&top) = self.stack.last() {
            self.cur = top;
        }
    }

    fn mangled(&self, ste: EntryId, name: &str) -> String {
        self.entries[ste]
            .maybe_mangle(self.private, name)
            .into_owned()
    }

    /// `symtable_lookup_entry`.
    fn lookup_entry(&self, ste: EntryId, name: &str) -> SymbolFlags {
        let m = self.mangled(ste, name);
        self.entries[ste].get_symbol(&m)
    }

    /// `symtable_add_def_helper`: mangling follows the *current* block, as in CPython.
    fn add_def_helper(&mut self, name: &str, flag: SymbolFlags, ste: EntryId, loc: TextRange) -> R {
        let mangled = self.mangled(self.cur, name);
        let e = &mut self.entries[ste];
        let mut val = match e.symbols.get(&mangled) {
            Some(val) => {
                if flag & DEF_PARAM != 0 && val & DEF_PARAM != 0 {
                    return Err(error_at(
                        format!("duplicate argument '{name}' in function definition"),
                        loc,
                    ));
                }
                if flag & DEF_TYPE_PARAM != 0 && val & DEF_TYPE_PARAM != 0 {
                    return Err(error_at(format!("duplicate type parameter '{name}'"), loc));
                }
                val | flag
            }
            None => flag,
        };
        if e.comp_iter_target {
            if val & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                return Err(error_at(
                    format!("comprehension inner loop cannot rebind assignment expression target '{name}'"),
                    loc,
                ));
            }
            val |= DEF_COMP_ITER;
        }
        e.symbols.insert(&mangled, val);
        if flag & DEF_PARAM != 0 {
            e.varnames.push(mangled);
        } else if flag & DEF_GLOBAL != 0 {
            let top = &mut self.entries[0];
            let v = top.symbols.get(&mangled).unwrap_or(0) | flag;
            top.symbols.insert(&mangled, v);
        }
        Ok(())
    }

    /// `symtable_add_def`.
    fn add_def(&mut self, name: &str, flag: SymbolFlags, loc: TextRange) -> R {
        if flag & DEF_TYPE_PARAM != 0 {
            if let Some(set) = self.cur().mangled_names.as_mut() {
                set.insert(name.to_owned());
            }
        }
        let cur = self.cur;
        self.add_def_helper(name, flag, cur, loc)
    }

    /// `symtable_record_directive`.
    fn record_directive(&mut self, name: &str, loc: TextRange) {
        let m = self.mangled(self.cur, name);
        self.cur().directives.push((m, loc));
    }

    /// `symtable_enter_type_param_block`.
    fn enter_type_param_block(
        &mut self,
        name: &str,
        k: BlockKey,
        has_defaults: bool,
        has_kwdefaults: bool,
        is_class: bool,
        loc: TextRange,
    ) -> R {
        let current_type = self.cur().typ;
        self.enter_block(name, BlockType::TypeParameters, k, loc);
        if current_type == BlockType::Class {
            self.cur().can_see_class_scope = true;
            self.add_def("__classdict__", USE, loc)?;
        }
        if is_class {
            self.add_def(".type_params", DEF_LOCAL, loc)?;
            self.add_def(".type_params", USE, loc)?;
            self.add_def(".generic_base", DEF_LOCAL, loc)?;
            self.add_def(".generic_base", USE, loc)?;
        }
        if has_defaults {
            self.add_def(".defaults", DEF_PARAM, loc)?;
        }
        if has_kwdefaults {
            self.add_def(".kwdefaults", DEF_PARAM, loc)?;
        }
        Ok(())
    }

    fn enter_recursive(&mut self) -> R {
        self.depth += 1;
        if self.depth > RECURSION_LIMIT {
            return Err(recursion_error());
        }
        Ok(())
    }

    fn visit_stmts(&mut self, stmts: &'a [Stmt]) -> R {
        for s in stmts {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    fn visit_exprs(&mut self, exprs: &'a [Expr]) -> R {
        for e in exprs {
            self.visit_expr(e)?;
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn visit_funcdef(
        &mut self,
        node_key: BlockKey,
        name: &'a str,
        args: &'a ast::Arguments,
        body: &'a [Stmt],
        decorators: &'a [Expr],
        returns: Option<&'a Expr>,
        type_params: &'a Vec<TypeParam>,
        loc: TextRange,
        is_async: bool,
    ) -> R {
        self.add_def(name, DEF_LOCAL, loc)?;
        self.visit_exprs(&args.defaults)?;
        for d in args.kw_defaults.iter().flatten() {
            self.visit_expr(d)?;
        }
        self.visit_exprs(decorators)?;
        let generic = !type_params.is_empty();
        if generic {
            // CPython tests `args->defaults != NULL`, and the parser always makes one.
            let has_kwdefaults = args.kw_defaults.iter().any(Option::is_some);
            self.enter_type_param_block(
                name,
                type_params_key(type_params),
                true,
                has_kwdefaults,
                false,
                loc,
            )?;
            self.visit_type_params(type_params)?;
        }
        self.visit_annotations(args, returns, loc)?;
        self.enter_block(name, BlockType::Function, node_key, loc);
        if is_async {
            self.cur().coroutine = true;
        }
        self.visit_arguments(args)?;
        self.visit_stmts(body)?;
        self.exit_block();
        if generic {
            self.exit_block();
        }
        Ok(())
    }

    fn visit_stmt(&mut self, s: &'a Stmt) -> R {
        self.enter_recursive()?;
        match s {
            Stmt::FunctionDef(f) => self.visit_funcdef(
                key(f),
                &f.name,
                &f.args,
                &f.body,
                &f.decorator_list,
                f.returns.as_deref(),
                &f.type_params,
                f.range,
                false,
            )?,
            Stmt::AsyncFunctionDef(f) => self.visit_funcdef(
                key(f),
                &f.name,
                &f.args,
                &f.body,
                &f.decorator_list,
                f.returns.as_deref(),
                &f.type_params,
                f.range,
                true,
            )?,
            Stmt::ClassDef(c) => {
                self.add_def(&c.name, DEF_LOCAL, c.range)?;
                self.visit_exprs(&c.decorator_list)?;
                let tmp = self.private;
                let generic = !c.type_params.is_empty();
                if generic {
                    self.enter_type_param_block(
                        &c.name,
                        type_params_key(&c.type_params),
                        false,
                        false,
                        true,
                        c.range,
                    )?;
                    self.private = Some(&c.name);
                    self.cur().mangled_names = Some(HashSet::default());
                    self.visit_type_params(&c.type_params)?;
                }
                self.visit_exprs(&c.bases)?;
                for k in &c.keywords {
                    self.visit_expr(&k.value)?;
                }
                self.enter_block(&c.name, BlockType::Class, key(c), c.range);
                self.private = Some(&c.name);
                if generic {
                    self.add_def("__type_params__", DEF_LOCAL, c.range)?;
                    self.add_def(".type_params", USE, c.range)?;
                }
                self.visit_stmts(&c.body)?;
                self.exit_block();
                if generic {
                    self.exit_block();
                }
                self.private = tmp;
            }
            Stmt::TypeAlias(t) => {
                self.visit_expr(&t.name)?;
                let name: &str = match &*t.name {
                    Expr::Name(n) => &n.id,
                    _ => "",
                };
                let is_in_class = self.cur().typ == BlockType::Class;
                let generic = !t.type_params.is_empty();
                if generic {
                    self.enter_type_param_block(
                        name,
                        type_params_key(&t.type_params),
                        false,
                        false,
                        false,
                        t.range,
                    )?;
                    self.visit_type_params(&t.type_params)?;
                }
                self.enter_block(name, BlockType::TypeAlias, key(t), t.range);
                self.cur().can_see_class_scope = is_in_class;
                if is_in_class {
                    self.add_def("__classdict__", USE, t.value.range())?;
                }
                self.visit_expr(&t.value)?;
                self.exit_block();
                if generic {
                    self.exit_block();
                }
            }
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    self.visit_expr(v)?;
                    self.cur().returns_value = true;
                }
            }
            Stmt::Delete(d) => self.visit_exprs(&d.targets)?,
            Stmt::Assign(a) => {
                self.visit_exprs(&a.targets)?;
                self.visit_expr(&a.value)?;
            }
            Stmt::AnnAssign(a) => {
                if let Expr::Name(n) = &*a.target {
                    let cur = self.lookup_entry(self.cur, &n.id);
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && self.cur != 0 && a.simple != 0 {
                        let msg = if cur & DEF_GLOBAL != 0 {
                            format!("annotated name '{}' can't be global", n.id)
                        } else {
                            format!("annotated name '{}' can't be nonlocal", n.id)
                        };
                        return Err(error_at(msg, a.range));
                    }
                    if a.simple != 0 {
                        self.add_def(&n.id, DEF_ANNOT | DEF_LOCAL, n.range)?;
                    }
                    if a.value.is_some() {
                        self.add_def(&n.id, DEF_LOCAL, n.range)?;
                    }
                } else {
                    self.visit_expr(&a.target)?;
                }
                self.visit_annotation(&a.annotation)?;
                if let Some(v) = &a.value {
                    self.visit_expr(v)?;
                }
            }
            Stmt::AugAssign(a) => {
                self.visit_expr(&a.target)?;
                self.visit_expr(&a.value)?;
            }
            Stmt::For(f) => {
                self.visit_expr(&f.target)?;
                self.visit_expr(&f.iter)?;
                self.visit_stmts(&f.body)?;
                self.visit_stmts(&f.orelse)?;
            }
            Stmt::AsyncFor(f) => {
                self.visit_expr(&f.target)?;
                self.visit_expr(&f.iter)?;
                self.visit_stmts(&f.body)?;
                self.visit_stmts(&f.orelse)?;
            }
            Stmt::While(w) => {
                self.visit_expr(&w.test)?;
                self.visit_stmts(&w.body)?;
                self.visit_stmts(&w.orelse)?;
            }
            Stmt::If(i) => {
                self.visit_expr(&i.test)?;
                self.visit_stmts(&i.body)?;
                self.visit_stmts(&i.orelse)?;
            }
            Stmt::Match(m) => {
                self.visit_expr(&m.subject)?;
                for c in &m.cases {
                    self.visit_pattern(&c.pattern)?;
                    if let Some(g) = &c.guard {
                        self.visit_expr(g)?;
                    }
                    self.visit_stmts(&c.body)?;
                }
            }
            Stmt::Raise(r) => {
                if let Some(exc) = &r.exc {
                    self.visit_expr(exc)?;
                    if let Some(c) = &r.cause {
                        self.visit_expr(c)?;
                    }
                }
            }
            Stmt::Try(t) => self.visit_try(&t.body, &t.handlers, &t.orelse, &t.finalbody)?,
            Stmt::TryStar(t) => self.visit_try(&t.body, &t.handlers, &t.orelse, &t.finalbody)?,
            Stmt::Assert(a) => {
                self.visit_expr(&a.test)?;
                if let Some(m) = &a.msg {
                    self.visit_expr(m)?;
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    self.visit_alias(a)?;
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    self.visit_alias(a)?;
                }
            }
            Stmt::Global(g) => {
                for name in &g.names {
                    let cur = self.lookup_entry(self.cur, name);
                    if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let msg = if cur & DEF_PARAM != 0 {
                            format!("name '{name}' is parameter and global")
                        } else if cur & USE != 0 {
                            format!("name '{name}' is used prior to global declaration")
                        } else if cur & DEF_ANNOT != 0 {
                            format!("annotated name '{name}' can't be global")
                        } else {
                            format!("name '{name}' is assigned to before global declaration")
                        };
                        return Err(error_at(msg, g.range));
                    }
                    self.add_def(name, DEF_GLOBAL, g.range)?;
                    self.record_directive(name, g.range);
                }
            }
            Stmt::Nonlocal(n) => {
                for name in &n.names {
                    let cur = self.lookup_entry(self.cur, name);
                    if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                        let msg = if cur & DEF_PARAM != 0 {
                            format!("name '{name}' is parameter and nonlocal")
                        } else if cur & USE != 0 {
                            format!("name '{name}' is used prior to nonlocal declaration")
                        } else if cur & DEF_ANNOT != 0 {
                            format!("annotated name '{name}' can't be nonlocal")
                        } else {
                            format!("name '{name}' is assigned to before nonlocal declaration")
                        };
                        return Err(error_at(msg, n.range));
                    }
                    self.add_def(name, DEF_NONLOCAL, n.range)?;
                    self.record_directive(name, n.range);
                }
            }
            Stmt::Expr(e) => self.visit_expr(&e.value)?,
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => {}
            Stmt::With(w) => {
                self.visit_withitems(&w.items)?;
                self.visit_stmts(&w.body)?;
            }
            Stmt::AsyncWith(w) => {
                self.visit_withitems(&w.items)?;
                self.visit_stmts(&w.body)?;
            }
        }
        self.depth -= 1;
        Ok(())
    }

    fn visit_try(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ast::ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
    ) -> R {
        self.visit_stmts(body)?;
        for h in handlers {
            if let Some(t) = &h.type_ {
                self.visit_expr(t)?;
            }
            if let Some(n) = &h.name {
                self.add_def(n, DEF_LOCAL, h.range)?;
            }
            self.visit_stmts(&h.body)?;
        }
        self.visit_stmts(orelse)?;
        self.visit_stmts(finalbody)
    }

    fn visit_withitems(&mut self, items: &'a [ast::WithItem]) -> R {
        for item in items {
            self.visit_expr(&item.context_expr)?;
            if let Some(v) = &item.optional_vars {
                self.visit_expr(v)?;
            }
        }
        Ok(())
    }

    /// `symtable_visit_alias`.
    fn visit_alias(&mut self, a: &'a ast::Alias) -> R {
        let name = a.asname.as_deref().unwrap_or(&a.name);
        let store_name = match name.find('.') {
            Some(dot) => &name[..dot],
            None => name,
        };
        if name != "*" {
            self.add_def(store_name, DEF_IMPORT, a.range)
        } else if self.cur().typ != BlockType::Module {
            Err(error_at(
                "import * only allowed at module level".into(),
                a.range,
            ))
        } else {
            Ok(())
        }
    }

    /// `symtable_extend_namedexpr_scope`: a walrus target in a comprehension binds in the
    /// nearest enclosing function or module.
    fn extend_namedexpr_scope(&mut self, target: &'a ast::ExprName) -> R {
        let name = &target.id;
        let loc = target.range;
        for i in (0..self.stack.len()).rev() {
            let ste = self.stack[i];
            let (comprehension, typ) = (self.entries[ste].comprehension, self.entries[ste].typ);
            if comprehension != ComprehensionType::NoComprehension {
                let in_scope = self.lookup_entry(ste, name);
                if in_scope & DEF_COMP_ITER != 0 && in_scope & DEF_LOCAL != 0 {
                    return Err(error_at(
                        format!("assignment expression cannot rebind comprehension iteration variable '{name}'"),
                        loc,
                    ));
                }
                continue;
            }
            match typ {
                BlockType::Function => {
                    let in_scope = self.lookup_entry(ste, name);
                    if in_scope & DEF_GLOBAL != 0 {
                        self.add_def(name, DEF_GLOBAL, loc)?;
                    } else {
                        self.add_def(name, DEF_NONLOCAL, loc)?;
                    }
                    self.record_directive(name, loc);
                    return self.add_def_helper(name, DEF_LOCAL, ste, loc);
                }
                BlockType::Module => {
                    self.add_def(name, DEF_GLOBAL, loc)?;
                    self.record_directive(name, loc);
                    return self.add_def_helper(name, DEF_GLOBAL, ste, loc);
                }
                BlockType::Class => {
                    return Err(error_at(
                        "assignment expression within a comprehension cannot be used in a class body".into(),
                        loc,
                    ))
                }
                BlockType::TypeParameters => {
                    return Err(error_at(
                        "assignment expression within a comprehension cannot be used within the definition of a generic".into(),
                        loc,
                    ))
                }
                BlockType::TypeAlias => {
                    return Err(error_at(
                        "assignment expression within a comprehension cannot be used in a type alias".into(),
                        loc,
                    ))
                }
                BlockType::TypeVariable => {
                    return Err(error_at(
                        "assignment expression within a comprehension cannot be used in a TypeVar bound".into(),
                        loc,
                    ))
                }
                BlockType::Annotation => {}
            }
        }
        Ok(())
    }

    /// `symtable_raise_if_annotation_block`.
    fn raise_if_annotation_block(&mut self, what: &str, loc: TextRange) -> R {
        let c = &self.entries[self.cur];
        let msg = match c.typ {
            BlockType::Annotation => format!("{what} cannot be used within an annotation"),
            BlockType::TypeVariable => format!(
                "{what} cannot be used within {}",
                c.scope_info.unwrap_or("")
            ),
            BlockType::TypeAlias => format!("{what} cannot be used within a type alias"),
            BlockType::TypeParameters => {
                format!("{what} cannot be used within the definition of a generic")
            }
            _ => return Ok(()),
        };
        Err(error_at(msg, loc))
    }

    /// `symtable_raise_if_comprehension_block`.
    fn raise_comprehension_yield(&mut self, loc: TextRange) -> R {
        let msg = match self.cur().comprehension {
            ComprehensionType::List => "'yield' inside list comprehension",
            ComprehensionType::Set => "'yield' inside set comprehension",
            ComprehensionType::Dict => "'yield' inside dict comprehension",
            _ => "'yield' inside generator expression",
        };
        Err(error_at(msg.into(), loc))
    }

    fn visit_expr(&mut self, e: &'a Expr) -> R {
        self.enter_recursive()?;
        match e {
            Expr::NamedExpr(n) => {
                self.raise_if_annotation_block("named expression", n.range)?;
                if self.cur().comp_iter_expr > 0 {
                    return Err(error_at(
                        "assignment expression cannot be used in a comprehension iterable expression".into(),
                        n.range,
                    ));
                }
                if self.cur().comprehension != ComprehensionType::NoComprehension {
                    if let Expr::Name(target) = &*n.target {
                        self.extend_namedexpr_scope(target)?;
                    }
                }
                self.visit_expr(&n.value)?;
                self.visit_expr(&n.target)?;
            }
            Expr::BoolOp(b) => self.visit_exprs(&b.values)?,
            Expr::BinOp(b) => {
                self.visit_expr(&b.left)?;
                self.visit_expr(&b.right)?;
            }
            Expr::UnaryOp(u) => self.visit_expr(&u.operand)?,
            Expr::Lambda(l) => {
                self.visit_exprs(&l.args.defaults)?;
                for d in l.args.kw_defaults.iter().flatten() {
                    self.visit_expr(d)?;
                }
                self.enter_block("lambda", BlockType::Function, key(l), l.range);
                self.visit_arguments(&l.args)?;
                self.visit_expr(&l.body)?;
                self.exit_block();
            }
            Expr::IfExp(i) => {
                self.visit_expr(&i.test)?;
                self.visit_expr(&i.body)?;
                self.visit_expr(&i.orelse)?;
            }
            Expr::Dict(d) => {
                for k in d.keys.iter().flatten() {
                    self.visit_expr(k)?;
                }
                self.visit_exprs(&d.values)?;
            }
            Expr::Set(s) => self.visit_exprs(&s.elts)?,
            Expr::GeneratorExp(g) => self.handle_comprehension(
                key(g),
                g.range,
                "genexpr",
                ComprehensionType::Generator,
                &g.generators,
                &g.elt,
                None,
            )?,
            Expr::ListComp(g) => self.handle_comprehension(
                key(g),
                g.range,
                "listcomp",
                ComprehensionType::List,
                &g.generators,
                &g.elt,
                None,
            )?,
            Expr::SetComp(g) => self.handle_comprehension(
                key(g),
                g.range,
                "setcomp",
                ComprehensionType::Set,
                &g.generators,
                &g.elt,
                None,
            )?,
            Expr::DictComp(g) => self.handle_comprehension(
                key(g),
                g.range,
                "dictcomp",
                ComprehensionType::Dict,
                &g.generators,
                &g.key,
                Some(&g.value),
            )?,
            Expr::Yield(y) => {
                self.raise_if_annotation_block("yield expression", y.range)?;
                if let Some(v) = &y.value {
                    self.visit_expr(v)?;
                }
                self.cur().generator = true;
                if self.cur().comprehension != ComprehensionType::NoComprehension {
                    return self.raise_comprehension_yield(y.range);
                }
            }
            Expr::YieldFrom(y) => {
                self.raise_if_annotation_block("yield expression", y.range)?;
                self.visit_expr(&y.value)?;
                self.cur().generator = true;
                if self.cur().comprehension != ComprehensionType::NoComprehension {
                    return self.raise_comprehension_yield(y.range);
                }
            }
            Expr::Await(a) => {
                self.raise_if_annotation_block("await expression", a.range)?;
                self.visit_expr(&a.value)?;
                self.cur().coroutine = true;
            }
            Expr::Compare(c) => {
                self.visit_expr(&c.left)?;
                self.visit_exprs(&c.comparators)?;
            }
            Expr::Call(c) => {
                self.visit_expr(&c.func)?;
                self.visit_exprs(&c.args)?;
                for k in &c.keywords {
                    self.visit_expr(&k.value)?;
                }
            }
            Expr::FormattedValue(f) => {
                self.visit_expr(&f.value)?;
                if let Some(s) = &f.format_spec {
                    self.visit_expr(s)?;
                }
            }
            Expr::JoinedStr(j) => self.visit_exprs(&j.values)?,
            Expr::Constant(_) => {}
            Expr::Attribute(a) => self.visit_expr(&a.value)?,
            Expr::Subscript(s) => {
                self.visit_expr(&s.value)?;
                self.visit_expr(&s.slice)?;
            }
            Expr::Starred(s) => self.visit_expr(&s.value)?,
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.visit_expr(part)?;
                }
            }
            Expr::Name(n) => {
                let flag = if n.ctx == ExprContext::Load {
                    USE
                } else {
                    DEF_LOCAL
                };
                self.add_def(&n.id, flag, n.range)?;
                // `super` counts as a use of `__class__`.
                if n.ctx == ExprContext::Load && self.cur().is_function_like() && n.id == "super" {
                    self.add_def("__class__", USE, n.range)?;
                }
            }
            Expr::List(l) => self.visit_exprs(&l.elts)?,
            Expr::Tuple(t) => self.visit_exprs(&t.elts)?,
        }
        self.depth -= 1;
        Ok(())
    }

    /// `symtable_handle_comprehension`.
    #[allow(clippy::too_many_arguments)]
    fn handle_comprehension(
        &mut self,
        node_key: BlockKey,
        loc: TextRange,
        scope_name: &str,
        kind: ComprehensionType,
        generators: &'a [ast::Comprehension],
        elt: &'a Expr,
        value: Option<&'a Expr>,
    ) -> R {
        let is_generator = kind == ComprehensionType::Generator;
        let Some(outermost) = generators.first() else {
            return Ok(());
        };
        // The outermost iterator is evaluated in the current scope.
        self.cur().comp_iter_expr += 1;
        self.visit_expr(&outermost.iter)?;
        self.cur().comp_iter_expr -= 1;
        self.enter_block(scope_name, BlockType::Function, node_key, loc);
        self.cur().comprehension = kind;
        if outermost.is_async != 0 {
            self.cur().coroutine = true;
        }
        // The outermost iterable is received as the implicit argument `.0`.
        self.add_def(".0", DEF_PARAM, loc)?;
        self.cur().comp_iter_target = true;
        self.visit_expr(&outermost.target)?;
        self.cur().comp_iter_target = false;
        self.visit_exprs(&outermost.ifs)?;
        for g in &generators[1..] {
            self.cur().comp_iter_target = true;
            self.visit_expr(&g.target)?;
            self.cur().comp_iter_target = false;
            self.cur().comp_iter_expr += 1;
            self.visit_expr(&g.iter)?;
            self.cur().comp_iter_expr -= 1;
            self.visit_exprs(&g.ifs)?;
            if g.is_async != 0 {
                self.cur().coroutine = true;
            }
        }
        if let Some(v) = value {
            self.visit_expr(v)?;
        }
        self.visit_expr(elt)?;
        self.cur().generator = is_generator;
        let is_async = self.cur().coroutine && !is_generator;
        self.exit_block();
        if is_async {
            self.cur().coroutine = true;
        }
        Ok(())
    }

    fn visit_type_params(&mut self, tps: &'a [TypeParam]) -> R {
        for tp in tps {
            self.visit_type_param(tp)?;
        }
        Ok(())
    }

    /// `symtable_visit_type_param_bound_or_default`.
    fn visit_bound_or_default(
        &mut self,
        e: Option<&'a Expr>,
        name: &str,
        k: BlockKey,
        info: &'static str,
    ) -> R {
        if let Some(e) = e {
            let is_in_class = self.cur().can_see_class_scope;
            self.enter_block(name, BlockType::TypeVariable, k, e.range());
            self.cur().can_see_class_scope = is_in_class;
            if is_in_class {
                self.add_def("__classdict__", USE, e.range())?;
            }
            self.cur().scope_info = Some(info);
            self.visit_expr(e)?;
            self.exit_block();
        }
        Ok(())
    }

    fn visit_type_param(&mut self, tp: &'a TypeParam) -> R {
        self.enter_recursive()?;
        match tp {
            TypeParam::TypeVar(t) => {
                self.add_def(&t.name, DEF_TYPE_PARAM | DEF_LOCAL, t.range)?;
                let info = match t.bound.as_deref() {
                    Some(Expr::Tuple(_)) => "a TypeVar constraint",
                    _ => "a TypeVar bound",
                };
                self.visit_bound_or_default(t.bound.as_deref(), &t.name, key(t), info)?;
                self.visit_bound_or_default(
                    t.default_value.as_deref(),
                    &t.name,
                    type_param_default_key(t),
                    "a TypeVar default",
                )?;
            }
            TypeParam::TypeVarTuple(t) => {
                self.add_def(&t.name, DEF_TYPE_PARAM | DEF_LOCAL, t.range)?;
                self.visit_bound_or_default(
                    t.default_value.as_deref(),
                    &t.name,
                    key(t),
                    "a TypeVarTuple default",
                )?;
            }
            TypeParam::ParamSpec(t) => {
                self.add_def(&t.name, DEF_TYPE_PARAM | DEF_LOCAL, t.range)?;
                self.visit_bound_or_default(
                    t.default_value.as_deref(),
                    &t.name,
                    key(t),
                    "a ParamSpec default",
                )?;
            }
        }
        self.depth -= 1;
        Ok(())
    }

    fn visit_pattern(&mut self, p: &'a ast::Pattern) -> R {
        use ast::Pattern as P;
        self.enter_recursive()?;
        match p {
            P::MatchValue(v) => self.visit_expr(&v.value)?,
            P::MatchSingleton(_) => {}
            P::MatchSequence(s) => {
                for q in &s.patterns {
                    self.visit_pattern(q)?;
                }
            }
            P::MatchStar(s) => {
                if let Some(n) = &s.name {
                    self.add_def(n, DEF_LOCAL, s.range)?;
                }
            }
            P::MatchMapping(m) => {
                self.visit_exprs(&m.keys)?;
                for q in &m.patterns {
                    self.visit_pattern(q)?;
                }
                if let Some(r) = &m.rest {
                    self.add_def(r, DEF_LOCAL, m.range)?;
                }
            }
            P::MatchClass(c) => {
                self.visit_expr(&c.cls)?;
                for q in &c.patterns {
                    self.visit_pattern(q)?;
                }
                for q in &c.kwd_patterns {
                    self.visit_pattern(q)?;
                }
            }
            P::MatchAs(a) => {
                if let Some(q) = &a.pattern {
                    self.visit_pattern(q)?;
                }
                if let Some(n) = &a.name {
                    self.add_def(n, DEF_LOCAL, a.range)?;
                }
            }
            P::MatchOr(o) => {
                for q in &o.patterns {
                    self.visit_pattern(q)?;
                }
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// `symtable_visit_arguments`: positional-only, positional, keyword-only, then `*args`
    /// and `**kwargs` — the order of `co_varnames`.
    fn visit_arguments(&mut self, a: &'a ast::Arguments) -> R {
        for arg in a.posonlyargs.iter().chain(&a.args).chain(&a.kwonlyargs) {
            self.add_def(&arg.arg, DEF_PARAM, loc_of_arg(arg))?;
        }
        if let Some(v) = &a.vararg {
            self.add_def(&v.arg, DEF_PARAM, v.range)?;
            self.cur().varargs = true;
        }
        if let Some(k) = &a.kwarg {
            self.add_def(&k.arg, DEF_PARAM, k.range)?;
            self.cur().varkeywords = true;
        }
        Ok(())
    }

    /// `symtable_visit_annotation`: in the current scope, or in an (unlinked) annotation
    /// block under `from __future__ import annotations`.
    fn visit_annotation(&mut self, annotation: &'a Expr) -> R {
        let future = self.future.annotations();
        if future {
            self.enter_block(
                "_annotation",
                BlockType::Annotation,
                key(annotation),
                annotation.range(),
            );
        }
        self.visit_expr(annotation)?;
        if future {
            self.exit_block();
        }
        Ok(())
    }

    /// `symtable_visit_annotations`: a def's parameter annotations, then its return
    /// annotation.
    fn visit_annotations(
        &mut self,
        a: &'a ast::Arguments,
        returns: Option<&'a Expr>,
        loc: TextRange,
    ) -> R {
        let future = self.future.annotations();
        if future {
            self.enter_block("_annotation", BlockType::Annotation, key(a), loc);
        }
        let posonly_and_args = a.posonlyargs.iter().chain(&a.args);
        for arg in posonly_and_args {
            if let Some(ann) = &arg.annotation {
                self.visit_expr(ann)?;
            }
        }
        for arg in a.vararg.iter().chain(&a.kwarg).chain(&a.kwonlyargs) {
            if let Some(ann) = &arg.annotation {
                self.visit_expr(ann)?;
            }
        }
        if future {
            self.exit_block();
        }
        if let Some(r) = returns {
            self.visit_annotation(r)?;
        }
        Ok(())
    }
}
