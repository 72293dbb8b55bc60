//! The scope facts code generation needs, as CPython's symtable (Python/symtable.c)
//! records them: for every scope-opening node, each name's scope (LOCAL, CELL, FREE,
//! GLOBAL_EXPLICIT, GLOBAL_IMPLICIT), the parameters in order, and the block flags
//! (generator, coroutine, inlined comprehension, `__class__` cell, …).
//!
//! This is codegen's own compact pass, kept until the full `symtable` module (written in
//! parallel) is wired in; it answers only what codegen asks. Scopes are found by the
//! address of their AST node, so the tree must not move between this pass and codegen.

use rustc_hash::FxHashMap as HashMap;

use taipan_parser::ast::*;

use crate::symtable::key;

pub const DEF_GLOBAL: u32 = 1;
pub const DEF_LOCAL: u32 = 2;
pub const DEF_PARAM: u32 = 4;
pub const DEF_NONLOCAL: u32 = 8;
pub const USE: u32 = 16;
pub const DEF_FREE_CLASS: u32 = 64;
pub const DEF_IMPORT: u32 = 128;
pub const DEF_COMP_ITER: u32 = 512;
pub const DEF_COMP_CELL: u32 = 2048;
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
    pub needs_classdict: bool,
    pub can_see_class_scope: bool,
    /// `ste_nested`: inside a function-like block (directly or not).
    pub nested: bool,
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
        self.by_node.get(&key(node)).copied()
    }

    /// The scope opened by the node with symtable key `k`.
    pub fn by_key(&self, k: usize) -> Option<usize> {
        self.by_node.get(&k).copied()
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
    crate::symtable::mangle(private, name).into_owned()
}

/// The facts of the symbol table (crate::symtable, CPython's symtable.c) that codegen
/// reads, indexed by entry id (0 = the module).
pub fn from_symtable(st: &crate::symtable::SymbolTable) -> ScopeTree {
    use crate::symtable::{self as symt, BlockType as B, ComprehensionType};
    let mut scopes = Vec::with_capacity(st.entries.len());
    for e in &st.entries {
        let kind = match e.typ {
            B::Module => BlockType::Module,
            B::Class => BlockType::Class,
            B::Function => BlockType::Function,
            _ => BlockType::Annotation,
        };
        let mut symbols = HashMap::default();
        let mut order = Vec::new();
        for (name, flags) in e.symbols.iter() {
            let scope = match e.get_scope(name) {
                Some(symt::Scope::Local) => Sc::Local,
                Some(symt::Scope::GlobalExplicit) => Sc::GlobalExplicit,
                Some(symt::Scope::GlobalImplicit) => Sc::GlobalImplicit,
                Some(symt::Scope::Free) => Sc::Free,
                Some(symt::Scope::Cell) => Sc::Cell,
                None => Sc::Unknown,
            };
            symbols.insert(name.to_string(), Symbol { flags: (flags & ((1 << 12) - 1)) as u32, scope });
            order.push(name.to_string());
        }
        scopes.push(Scope {
            kind,
            name: e.name.clone(),
            symbols,
            order,
            varnames: e.varnames.clone(),
            children: e.children.clone(),
            parent: e.parent,
            is_generator: e.generator,
            is_coroutine: e.coroutine,
            is_comprehension: e.comprehension != ComprehensionType::NoComprehension,
            comp_inlined: e.comp_inlined,
            is_lambda: e.name == "lambda",
            needs_class_closure: e.needs_class_closure,
            needs_classdict: e.needs_classdict,
            can_see_class_scope: e.can_see_class_scope,
            nested: e.nested,
            varargs: e.varargs,
            varkeywords: e.varkeywords,
            private: None,
            lineno: e.lineno.max(0) as u32,
        });
    }
    let by_node = st.blocks.clone();
    ScopeTree { scopes, by_node }
}
