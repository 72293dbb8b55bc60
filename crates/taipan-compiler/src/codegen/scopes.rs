//! The scope facts code generation needs, as CPython's symtable (Python/symtable.c)
//! records them: for every scope-opening node, each name's scope (LOCAL, CELL, FREE,
//! GLOBAL_EXPLICIT, GLOBAL_IMPLICIT), the parameters in order, and the block flags
//! (generator, coroutine, inlined comprehension, `__class__` cell, …).
//!
//! This is codegen's own compact pass, kept until the full `symtable` module (written in
//! parallel) is wired in; it answers only what codegen asks. Scopes are found by the
//! address of their AST node, so the tree must not move between this pass and codegen.

use std::collections::{HashMap, HashSet};

use taipan_parser::ast::*;

pub const DEF_GLOBAL: u32 = 1;
pub const DEF_LOCAL: u32 = 2;
pub const DEF_PARAM: u32 = 4;
pub const DEF_NONLOCAL: u32 = 8;
pub const USE: u32 = 16;
pub const DEF_FREE_CLASS: u32 = 64;
pub const DEF_IMPORT: u32 = 128;
pub const DEF_COMP_ITER: u32 = 512;
pub const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sc {
    Unknown,
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockType {
    Module,
    Class,
    Function,
    Annotation,
}

#[derive(Clone, Debug)]
pub struct Symbol {
    pub flags: u32,
    pub scope: Sc,
}

#[derive(Debug)]
pub struct Scope {
    pub kind: BlockType,
    pub name: String,
    pub symbols: HashMap<String, Symbol>,
    /// Symbol names in first-seen order (CPython's dict order).
    pub order: Vec<String>,
    pub varnames: Vec<String>,
    pub children: Vec<usize>,
    pub parent: Option<usize>,
    pub is_generator: bool,
    pub is_coroutine: bool,
    pub is_comprehension: bool,
    pub comp_inlined: bool,
    pub is_lambda: bool,
    pub needs_class_closure: bool,
    pub varargs: bool,
    pub varkeywords: bool,
    pub private: Option<String>,
    pub lineno: u32,
}

impl Scope {
    pub fn get_scope(&self, name: &str) -> Sc {
        self.symbols.get(name).map_or(Sc::Unknown, |s| s.scope)
    }
    pub fn flags(&self, name: &str) -> u32 {
        self.symbols.get(name).map_or(0, |s| s.flags)
    }
    pub fn is_function_like(&self) -> bool {
        matches!(self.kind, BlockType::Function | BlockType::Annotation)
    }
}

pub struct ScopeTree {
    pub scopes: Vec<Scope>,
    by_node: HashMap<usize, usize>,
}

impl ScopeTree {
    pub fn lookup<T>(&self, node: &T) -> Option<usize> {
        self.by_node.get(&(node as *const T as usize)).copied()
    }

    /// The scope a comprehension or lambda expression opens.
    pub fn lookup_expr(&self, e: &Expr) -> Option<usize> {
        match e {
            Expr::ListComp(c) => self.lookup(c),
            Expr::SetComp(c) => self.lookup(c),
            Expr::DictComp(c) => self.lookup(c),
            Expr::GeneratorExp(c) => self.lookup(c),
            Expr::Lambda(c) => self.lookup(c),
            _ => None,
        }
    }

    /// The scope a function definition opens.
    pub fn lookup_stmt(&self, s: &Stmt) -> Option<usize> {
        match s {
            Stmt::FunctionDef(f) => self.lookup(f),
            Stmt::AsyncFunctionDef(f) => self.lookup(f),
            Stmt::ClassDef(c) => self.lookup(c),
            _ => None,
        }
    }
}

/// `_Py_Mangle`.
pub fn mangle(private: Option<&str>, name: &str) -> String {
    let Some(p) = private else { return name.to_string() };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let stripped = p.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_string();
    }
    format!("_{stripped}{name}")
}

struct Builder {
    scopes: Vec<Scope>,
    by_node: HashMap<usize, usize>,
    cur: usize,
}

pub fn build(module: &Mod) -> ScopeTree {
    let mut b = Builder { scopes: Vec::new(), by_node: HashMap::new(), cur: 0 };
    b.new_scope(BlockType::Module, "top", 0usize, 0);
    match module {
        Mod::Module(m) => b.stmts(&m.body),
        Mod::Interactive(m) => b.stmts(&m.body),
        Mod::Expression(m) => b.expr(&m.body),
        Mod::FunctionType(_) => {}
    }
    let mut tree = ScopeTree { scopes: b.scopes, by_node: b.by_node };
    analyze(&mut tree);
    tree
}

impl Builder {
    fn new_scope(&mut self, kind: BlockType, name: &str, key: usize, lineno: u32) -> usize {
        let id = self.scopes.len();
        let parent = if id == 0 { None } else { Some(self.cur) };
        let private = match parent {
            None => None,
            Some(p) => {
                if self.scopes[p].kind == BlockType::Class {
                    Some(self.scopes[p].name.clone())
                } else {
                    self.scopes[p].private.clone()
                }
            }
        };
        self.scopes.push(Scope {
            kind,
            name: name.to_string(),
            symbols: HashMap::new(),
            order: Vec::new(),
            varnames: Vec::new(),
            children: Vec::new(),
            parent,
            is_generator: false,
            is_coroutine: false,
            is_comprehension: false,
            comp_inlined: false,
            is_lambda: false,
            needs_class_closure: false,
            varargs: false,
            varkeywords: false,
            private,
            lineno,
        });
        if let Some(p) = parent {
            self.scopes[p].children.push(id);
        }
        self.by_node.insert(key, id);
        id
    }

    fn add_def(&mut self, name: &str, flag: u32) {
        let s = &mut self.scopes[self.cur];
        let name = mangle(s.private.as_deref(), name);
        if flag & DEF_GLOBAL != 0 && self.cur != 0 {
            // symtable.c records every `global` declaration in the module's symbols too.
            let top = &mut self.scopes[0];
            match top.symbols.get_mut(&name) {
                Some(sym) => sym.flags |= flag,
                None => {
                    top.order.push(name.clone());
                    top.symbols.insert(name.clone(), Symbol { flags: flag, scope: Sc::Unknown });
                }
            }
        }
        let s = &mut self.scopes[self.cur];
        if flag & DEF_PARAM != 0 {
            s.varnames.push(name.clone());
        }
        match s.symbols.get_mut(&name) {
            Some(sym) => sym.flags |= flag,
            None => {
                s.order.push(name.clone());
                s.symbols.insert(name, Symbol { flags: flag, scope: Sc::Unknown });
            }
        }
    }

    fn stmts(&mut self, body: &[Stmt]) {
        for s in body {
            self.stmt(s);
        }
    }

    fn exprs(&mut self, v: &[Expr]) {
        for e in v {
            self.expr(e);
        }
    }

    fn args_defaults(&mut self, a: &Arguments) {
        self.exprs(&a.defaults);
        for d in a.kw_defaults.iter().flatten() {
            self.expr(d);
        }
    }

    fn annotations(&mut self, a: &Arguments, returns: Option<&Expr>) {
        for arg in a.posonlyargs.iter().chain(&a.args).chain(a.vararg.iter()).chain(&a.kwonlyargs).chain(a.kwarg.iter()) {
            if let Some(ann) = &arg.annotation {
                self.expr(ann);
            }
        }
        if let Some(r) = returns {
            self.expr(r);
        }
    }

    fn params(&mut self, a: &Arguments) {
        for arg in a.posonlyargs.iter().chain(&a.args).chain(&a.kwonlyargs) {
            self.add_def(&arg.arg, DEF_PARAM);
        }
        // CPython records *args after the keyword-only ones in varnames? No: positional,
        // keyword-only, then *args, then **kwargs.
        if let Some(v) = &a.vararg {
            self.add_def(&v.arg, DEF_PARAM);
            self.scopes[self.cur].varargs = true;
        }
        if let Some(k) = &a.kwarg {
            self.add_def(&k.arg, DEF_PARAM);
            self.scopes[self.cur].varkeywords = true;
        }
    }

    fn function<T>(&mut self, node: &T, name: &str, args: &Arguments, body: &[Stmt], is_async: bool, lineno: u32) {
        let saved = self.cur;
        self.cur = self.new_scope(BlockType::Function, name, node as *const T as usize, lineno);
        self.scopes[self.cur].is_coroutine = is_async;
        self.params(args);
        self.stmts(body);
        self.cur = saved;
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::FunctionDef(f) => {
                self.add_def(&f.name, DEF_LOCAL);
                self.exprs(&f.decorator_list);
                self.args_defaults(&f.args);
                self.annotations(&f.args, f.returns.as_deref());
                self.function(f, &f.name, &f.args, &f.body, false, f.range.lineno);
            }
            Stmt::AsyncFunctionDef(f) => {
                self.add_def(&f.name, DEF_LOCAL);
                self.exprs(&f.decorator_list);
                self.args_defaults(&f.args);
                self.annotations(&f.args, f.returns.as_deref());
                self.function(f, &f.name, &f.args, &f.body, true, f.range.lineno);
            }
            Stmt::ClassDef(c) => {
                self.add_def(&c.name, DEF_LOCAL);
                self.exprs(&c.decorator_list);
                self.exprs(&c.bases);
                for k in &c.keywords {
                    self.expr(&k.value);
                }
                let saved = self.cur;
                self.cur = self.new_scope(BlockType::Class, &c.name, c as *const _ as usize, c.range.lineno);
                self.stmts(&c.body);
                self.cur = saved;
            }
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    self.expr(v)
                }
            }
            Stmt::Delete(d) => self.exprs(&d.targets),
            Stmt::Assign(a) => {
                self.exprs(&a.targets);
                self.expr(&a.value);
            }
            Stmt::TypeAlias(t) => {
                self.expr(&t.name);
                self.expr(&t.value);
            }
            Stmt::AugAssign(a) => {
                self.expr(&a.target);
                self.expr(&a.value);
            }
            Stmt::AnnAssign(a) => {
                if let Expr::Name(n) = &*a.target {
                    self.add_def(&n.id, if a.simple != 0 { DEF_LOCAL } else { DEF_LOCAL });
                } else {
                    self.expr(&a.target);
                }
                self.expr(&a.annotation);
                if let Some(v) = &a.value {
                    self.expr(v);
                }
            }
            Stmt::For(f) => {
                self.expr(&f.target);
                self.expr(&f.iter);
                self.stmts(&f.body);
                self.stmts(&f.orelse);
            }
            Stmt::AsyncFor(f) => {
                self.expr(&f.target);
                self.expr(&f.iter);
                self.stmts(&f.body);
                self.stmts(&f.orelse);
            }
            Stmt::While(w) => {
                self.expr(&w.test);
                self.stmts(&w.body);
                self.stmts(&w.orelse);
            }
            Stmt::If(i) => {
                self.expr(&i.test);
                self.stmts(&i.body);
                self.stmts(&i.orelse);
            }
            Stmt::With(w) => {
                for it in &w.items {
                    self.expr(&it.context_expr);
                    if let Some(v) = &it.optional_vars {
                        self.expr(v);
                    }
                }
                self.stmts(&w.body);
            }
            Stmt::AsyncWith(w) => {
                for it in &w.items {
                    self.expr(&it.context_expr);
                    if let Some(v) = &it.optional_vars {
                        self.expr(v);
                    }
                }
                self.stmts(&w.body);
            }
            Stmt::Match(m) => {
                self.expr(&m.subject);
                for c in &m.cases {
                    self.pattern(&c.pattern);
                    if let Some(g) = &c.guard {
                        self.expr(g);
                    }
                    self.stmts(&c.body);
                }
            }
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.expr(e);
                }
                if let Some(e) = &r.cause {
                    self.expr(e);
                }
            }
            Stmt::Try(t) => {
                self.stmts(&t.body);
                for h in &t.handlers {
                    self.handler(h);
                }
                self.stmts(&t.orelse);
                self.stmts(&t.finalbody);
            }
            Stmt::TryStar(t) => {
                self.stmts(&t.body);
                for h in &t.handlers {
                    self.handler(h);
                }
                self.stmts(&t.orelse);
                self.stmts(&t.finalbody);
            }
            Stmt::Assert(a) => {
                self.expr(&a.test);
                if let Some(m) = &a.msg {
                    self.expr(m);
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let n = a.asname.as_deref().unwrap_or_else(|| a.name.split('.').next().unwrap_or(""));
                    self.add_def(n, DEF_IMPORT);
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    if a.name == "*" {
                        continue;
                    }
                    self.add_def(a.asname.as_deref().unwrap_or(&a.name), DEF_IMPORT);
                }
            }
            Stmt::Global(g) => {
                for n in &g.names {
                    self.add_def(n, DEF_GLOBAL);
                }
            }
            Stmt::Nonlocal(g) => {
                for n in &g.names {
                    self.add_def(n, DEF_NONLOCAL);
                }
            }
            Stmt::Expr(e) => self.expr(&e.value),
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => {}
        }
    }

    fn handler(&mut self, h: &ExceptHandler) {
        if let Some(t) = &h.type_ {
            self.expr(t);
        }
        if let Some(n) = &h.name {
            self.add_def(n, DEF_LOCAL);
        }
        self.stmts(&h.body);
    }

    fn pattern(&mut self, p: &Pattern) {
        match p {
            Pattern::MatchValue(v) => self.expr(&v.value),
            Pattern::MatchSingleton(_) => {}
            Pattern::MatchSequence(s) => s.patterns.iter().for_each(|p| self.pattern(p)),
            Pattern::MatchMapping(m) => {
                self.exprs(&m.keys);
                m.patterns.iter().for_each(|p| self.pattern(p));
                if let Some(r) = &m.rest {
                    self.add_def(r, DEF_LOCAL);
                }
            }
            Pattern::MatchClass(c) => {
                self.expr(&c.cls);
                c.patterns.iter().for_each(|p| self.pattern(p));
                c.kwd_patterns.iter().for_each(|p| self.pattern(p));
            }
            Pattern::MatchStar(s) => {
                if let Some(n) = &s.name {
                    self.add_def(n, DEF_LOCAL);
                }
            }
            Pattern::MatchAs(a) => {
                if let Some(p) = &a.pattern {
                    self.pattern(p);
                }
                if let Some(n) = &a.name {
                    self.add_def(n, DEF_LOCAL);
                }
            }
            Pattern::MatchOr(o) => o.patterns.iter().for_each(|p| self.pattern(p)),
        }
    }

    fn comprehension<T>(&mut self, node: &T, name: &str, gens: &[Comprehension], elts: &[&Expr], is_generator: bool, lineno: u32) {
        // The first iterator is evaluated in the enclosing scope.
        self.expr(&gens[0].iter);
        let saved = self.cur;
        let outer_coroutine = self.scopes[saved].is_coroutine;
        self.cur = self.new_scope(BlockType::Function, name, node as *const T as usize, lineno);
        let id = self.cur;
        self.scopes[id].is_comprehension = true;
        self.scopes[id].is_generator = is_generator;
        self.add_def(".0", DEF_PARAM);
        let mut is_async = false;
        for (i, g) in gens.iter().enumerate() {
            self.comp_target(&g.target);
            if i > 0 {
                self.expr(&g.iter);
            }
            self.exprs(&g.ifs);
            if g.is_async != 0 {
                is_async = true;
            }
        }
        for e in elts {
            self.expr(e);
        }
        if is_async || self.scopes[id].is_coroutine {
            self.scopes[id].is_coroutine = true;
        }
        // PEP 709: list/set/dict comprehensions are inlined unless async-in-sync etc.
        if !is_generator && !(self.scopes[id].is_coroutine && !outer_coroutine) {
            self.scopes[id].comp_inlined = true;
        }
        self.cur = saved;
    }

    fn comp_target(&mut self, e: &Expr) {
        match e {
            Expr::Name(n) => self.add_def(&n.id, DEF_LOCAL | DEF_COMP_ITER),
            Expr::Tuple(t) => t.elts.iter().for_each(|x| self.comp_target(x)),
            Expr::List(t) => t.elts.iter().for_each(|x| self.comp_target(x)),
            Expr::Starred(s) => self.comp_target(&s.value),
            _ => self.expr(e),
        }
    }

    fn expr(&mut self, e: &Expr) {
        match e {
            Expr::BoolOp(b) => self.exprs(&b.values),
            Expr::NamedExpr(n) => {
                self.expr(&n.value);
                if let Expr::Name(t) = &*n.target {
                    // Binds in the nearest enclosing non-comprehension scope.
                    let mut s = self.cur;
                    while self.scopes[s].is_comprehension {
                        let name = t.id.clone();
                        let sym = self.scopes[s].symbols.entry(name.clone()).or_insert(Symbol { flags: 0, scope: Sc::Unknown });
                        sym.flags |= USE;
                        if !self.scopes[s].order.contains(&name) {
                            self.scopes[s].order.push(name);
                        }
                        s = self.scopes[s].parent.unwrap_or(0);
                    }
                    let saved = self.cur;
                    self.cur = s;
                    self.add_def(&t.id, DEF_LOCAL);
                    self.cur = saved;
                }
            }
            Expr::BinOp(b) => {
                self.expr(&b.left);
                self.expr(&b.right);
            }
            Expr::UnaryOp(u) => self.expr(&u.operand),
            Expr::Lambda(l) => {
                self.args_defaults(&l.args);
                let saved = self.cur;
                self.cur = self.new_scope(BlockType::Function, "lambda", l as *const _ as usize, l.range.lineno);
                self.scopes[self.cur].is_lambda = true;
                self.params(&l.args);
                self.expr(&l.body);
                self.cur = saved;
            }
            Expr::IfExp(i) => {
                self.expr(&i.test);
                self.expr(&i.body);
                self.expr(&i.orelse);
            }
            Expr::Dict(d) => {
                for k in d.keys.iter().flatten() {
                    self.expr(k);
                }
                self.exprs(&d.values);
            }
            Expr::Set(s) => self.exprs(&s.elts),
            Expr::ListComp(c) => self.comprehension(c, "listcomp", &c.generators, &[&c.elt], false, c.range.lineno),
            Expr::SetComp(c) => self.comprehension(c, "setcomp", &c.generators, &[&c.elt], false, c.range.lineno),
            Expr::DictComp(c) => {
                self.comprehension(c, "dictcomp", &c.generators, &[&c.value, &c.key], false, c.range.lineno)
            }
            Expr::GeneratorExp(c) => self.comprehension(c, "genexpr", &c.generators, &[&c.elt], true, c.range.lineno),
            Expr::Await(a) => {
                self.expr(&a.value);
            }
            Expr::Yield(y) => {
                if let Some(v) = &y.value {
                    self.expr(v);
                }
                self.scopes[self.cur].is_generator = true;
            }
            Expr::YieldFrom(y) => {
                self.expr(&y.value);
                self.scopes[self.cur].is_generator = true;
            }
            Expr::Compare(c) => {
                self.expr(&c.left);
                self.exprs(&c.comparators);
            }
            Expr::Call(c) => {
                self.expr(&c.func);
                self.exprs(&c.args);
                for k in &c.keywords {
                    self.expr(&k.value);
                }
            }
            Expr::FormattedValue(f) => {
                self.expr(&f.value);
                if let Some(s) = &f.format_spec {
                    self.expr(s);
                }
            }
            Expr::JoinedStr(j) => self.exprs(&j.values),
            Expr::Constant(_) => {}
            Expr::Attribute(a) => self.expr(&a.value),
            Expr::Subscript(s) => {
                self.expr(&s.value);
                self.expr(&s.slice);
            }
            Expr::Starred(s) => self.expr(&s.value),
            Expr::Name(n) => {
                if n.ctx == ExprContext::Load {
                    self.add_def(&n.id, USE);
                    if self.scopes[self.cur].kind == BlockType::Function && n.id == "super" {
                        self.add_def("__class__", USE);
                    }
                } else {
                    self.add_def(&n.id, DEF_LOCAL);
                }
            }
            Expr::List(l) => self.exprs(&l.elts),
            Expr::Tuple(t) => self.exprs(&t.elts),
            Expr::Slice(s) => {
                for x in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.expr(x);
                }
            }
        }
    }
}

/// CPython's `analyze_block`: resolve every name's scope, top down, and mark cells from
/// what children need, bottom up.
fn analyze(tree: &mut ScopeTree) {
    let globals = HashSet::new();
    let bound = HashSet::new();
    analyze_block(tree, 0, &bound, &globals);
}

/// Returns the names free in this block (that it needs from enclosing ones).
fn analyze_block(tree: &mut ScopeTree, id: usize, bound_in: &HashSet<String>, globals_in: &HashSet<String>) -> HashSet<String> {
    let kind = tree.scopes[id].kind;
    let mut local = HashSet::new();
    let mut globals = globals_in.clone();
    let mut newbound = bound_in.clone();
    let mut free = HashSet::new();
    let names: Vec<String> = tree.scopes[id].order.clone();
    for name in &names {
        let flags = tree.scopes[id].symbols[name].flags;
        let sc = if flags & DEF_GLOBAL != 0 {
            globals.insert(name.clone());
            newbound.remove(name);
            Sc::GlobalExplicit
        } else if flags & DEF_NONLOCAL != 0 {
            free.insert(name.clone());
            Sc::Free
        } else if flags & DEF_BOUND != 0 {
            local.insert(name.clone());
            globals.remove(name);
            Sc::Local
        } else if kind != BlockType::Module && bound_in.contains(name) {
            free.insert(name.clone());
            Sc::Free
        } else if globals_in.contains(name) {
            Sc::GlobalImplicit
        } else {
            Sc::GlobalImplicit
        };
        tree.scopes[id].symbols.get_mut(name).unwrap().scope = sc;
    }
    if kind == BlockType::Function {
        for l in &local {
            newbound.insert(l.clone());
        }
    }
    // Class scopes: their names are not visible to children, but __class__ is.
    if kind == BlockType::Class {
        newbound.insert("__class__".to_string());
    }
    let children = tree.scopes[id].children.clone();
    let mut child_free: HashSet<String> = HashSet::new();
    for c in children {
        let f = analyze_block(tree, c, &newbound, &globals);
        if tree.scopes[c].comp_inlined {
            // Inlined comprehension: its free names are the parent's concern as if used
            // directly here, its cells become the parent's cells.
            for n in f {
                child_free.insert(n);
            }
            let cells: Vec<String> = tree.scopes[c]
                .symbols
                .iter()
                .filter(|(_, s)| s.scope == Sc::Cell)
                .map(|(n, _)| n.clone())
                .collect();
            for n in cells {
                child_free.insert(n);
            }
        } else {
            child_free.extend(f);
        }
    }
    // Names free in children and local here become cells.
    for n in child_free.iter() {
        if kind == BlockType::Class && n == "__class__" {
            tree.scopes[id].needs_class_closure = true;
            continue;
        }
        let is_local = tree.scopes[id].symbols.get(n).is_some_and(|s| s.scope == Sc::Local);
        if is_local && kind == BlockType::Function {
            tree.scopes[id].symbols.get_mut(n).unwrap().scope = Sc::Cell;
        } else if tree.scopes[id].symbols.get(n).is_some_and(|s| s.scope == Sc::GlobalExplicit || s.scope == Sc::Cell) {
        } else if kind == BlockType::Module {
        } else if is_local && kind == BlockType::Class {
            // The class binds it but children see the enclosing function's binding.
            if bound_in.contains(n) {
                let s = tree.scopes[id].symbols.get_mut(n).unwrap();
                s.flags |= DEF_FREE_CLASS;
                free.insert(n.clone());
            }
        } else if bound_in.contains(n) {
            free.insert(n.clone());
            let s = tree.scopes[id].symbols.entry(n.clone()).or_insert(Symbol { flags: DEF_FREE_CLASS, scope: Sc::Free });
            if s.scope != Sc::Free && s.flags & DEF_BOUND == 0 {
                s.scope = Sc::Free;
            }
            if !tree.scopes[id].order.contains(n) {
                tree.scopes[id].order.push(n.clone());
            }
        }
    }
    // Inlined comprehensions' names that are cells here must be cells in the child too.
    let _ = &mut free;
    free
}
