//! Code generation: the codegen half of CPython 3.13's Python/compile.c. The (optimized)
//! AST of each code unit becomes an `InstrSequence` of real and pseudo instructions with
//! label jump targets, plus its `CodeUnitMetadata` and `co_flags`.
//!
//! Units nest as in CPython: a function body is compiled when its `def` is reached, the
//! finished child goes through flowgraph + assembler (the `Assembler` callback), and the
//! resulting code object becomes a constant of the parent. The finished sequences are also
//! kept as a tree (`CodegenOutput::nested`), in the order CPython's
//! `_testinternalcapi.compiler_codegen(...).get_nested()` lists them.
//!
//! Split by construct: `expr` (expressions, calls, f-strings), `stmt` (statements, loops,
//! try/with, fblock unwinding), `func` (functions, classes, lambdas, comprehensions).

mod expr;
mod func;
mod pattern;
pub mod scopes;
mod stmt;
mod trystar;
mod typeparams;
pub mod warnings;

use std::sync::Arc;

use taipan_bytecode::{CodeObject, Constant, Opcode, PyStr};
use taipan_parser::ast::{self, TextRange};
use taipan_parser::error::{SyntaxError, SyntaxErrorKind};

use crate::instr_sequence::{InstrSequence, Label, Location};

/// `CO_MAXBLOCKS` of CPython 3.13: how deeply loops and try/with blocks may nest in one
/// code unit before codegen raises "too many statically nested blocks".
const CO_MAXBLOCKS: usize = 21;
use crate::unit::CodeUnitMetadata;
use scopes::{ScopeTree, Sc};

/// Turns a finished unit into a code object (flowgraph + assemble).
pub type Assembler<'a> = &'a dyn Fn(&CodeUnitMetadata, &InstrSequence, i32, &str) -> CodeObject;

/// One compiled unit and the units compiled inside it, in completion order.
pub struct CodegenOutput {
    pub meta: CodeUnitMetadata,
    pub seq: InstrSequence,
    pub flags: i32,
    pub nested: Vec<CodegenOutput>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UnitKind {
    Module,
    Class,
    Function,
    AsyncFunction,
    Lambda,
    Comprehension,
    /// `<generic parameters of NAME>` and type-parameter bound/default units.
    TypeParams,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FBlockKind {
    WhileLoop,
    ForLoop,
    TryExcept,
    FinallyTry,
    FinallyEnd,
    With,
    AsyncWith,
    HandlerCleanup,
    PopValue,
    ExceptionHandler,
    ExceptionGroupHandler,
    AsyncComprehensionGenerator,
    StopIteration,
}

#[derive(Clone, Copy)]
pub struct FBlock<'a> {
    pub kind: FBlockKind,
    pub block: Label,
    pub exit: Option<Label>,
    /// For FinallyTry: the finally body; for HandlerCleanup: the bound name.
    pub datum: FBlockDatum<'a>,
    pub loc: Location,
}

#[derive(Clone, Copy)]
pub enum FBlockDatum<'a> {
    None,
    Finally(&'a [ast::Stmt]),
    Name(&'a str),
}

pub struct Unit<'a> {
    pub meta: CodeUnitMetadata,
    pub seq: InstrSequence,
    pub kind: UnitKind,
    pub scope: usize,
    pub fblocks: Vec<FBlock<'a>>,
    pub private: Option<String>,
    pub nested: Vec<CodegenOutput>,
    pub in_inlined_comp: usize,
    /// Names of the inlined comprehension's scope currently active (PEP 709).
    pub inlined_scopes: Vec<usize>,
    /// `u_fasthidden` entries currently True: comprehension locals of a module or class
    /// body compiled as fast locals.
    pub fasthidden_active: rustc_hash::FxHashSet<String>,
    /// 3.13's `u_static_attributes` (classes only).
    pub static_attributes: std::collections::BTreeSet<String>,
}

pub struct Compiler<'a> {
    pub filename: String,
    pub optimize: i32,
    pub future_annotations: bool,
    pub scopes: ScopeTree,
    pub units: Vec<Unit<'a>>,
    pub assemble: Assembler<'a>,
    pub interactive: bool,
    /// Values of the constants the AST optimizer folded.
    pub folded: &'a [Constant],
    /// `c_future.ff_location`: (line, column) of the last `from __future__` import that
    /// counts as one.
    pub future_location: Option<(i32, i32)>,
}

pub type CResult<T> = Result<T, SyntaxError>;

pub fn loc_of(r: TextRange) -> Location {
    Location {
        lineno: r.lineno as i32,
        end_lineno: r.end_lineno as i32,
        col_offset: r.col_offset as i32,
        end_col_offset: r.end_col_offset as i32,
    }
}

pub const NO_LOC: Location = Location::NONE;

/// The CodeObject an explain run stores for children: no bytecode, but `code` and
/// `linetable` hold the raw instruction sequence so that two children compare (and dedup
/// as constants) the way their assembled code objects would.
pub fn placeholder_assembler(meta: &CodeUnitMetadata, seq: &InstrSequence, flags: i32, filename: &str) -> CodeObject {
    let mut code = Vec::new();
    let mut linetable = Vec::new();
    for ins in seq.instrs.iter() {
        code.extend_from_slice(&ins.opcode.0.to_le_bytes());
        let arg = if ins.opcode.has_jump()
            || matches!(ins.opcode, Opcode::SETUP_FINALLY | Opcode::SETUP_CLEANUP | Opcode::SETUP_WITH)
        {
            seq.label_map.get(ins.oparg as usize).copied().unwrap_or(-1)
        } else {
            ins.oparg
        };
        code.extend_from_slice(&arg.to_le_bytes());
        for v in [ins.loc.lineno, ins.loc.end_lineno, ins.loc.col_offset, ins.loc.end_col_offset] {
            linetable.extend_from_slice(&v.to_le_bytes());
        }
    }
    let mut localsplusnames: Vec<PyStr> = meta.varnames.items().to_vec();
    localsplusnames.extend(meta.cellvars.items().iter().cloned());
    localsplusnames.extend(meta.freevars.items().iter().cloned());
    CodeObject {
        argcount: meta.argcount,
        posonlyargcount: meta.posonlyargcount,
        kwonlyargcount: meta.kwonlyargcount,
        stacksize: 0,
        flags,
        code,
        consts: meta.consts.items().to_vec(),
        names: meta.names.items().to_vec(),
        localspluskinds: vec![0; localsplusnames.len()],
        localsplusnames,
        filename: PyStr::new(filename),
        name: meta.name.clone(),
        qualname: meta.qualname.clone(),
        firstlineno: meta.firstlineno,
        linetable,
        exceptiontable: Vec::new(),
    }
}

/// Compile a module (already through `ast_opt`) to its tree of instruction sequences.
pub fn codegen_module<'a>(
    optimized: &'a crate::ast_opt::Optimized,
    filename: &str,
    optimize: i32,
    assemble: Assembler<'a>,
) -> CResult<CodegenOutput> {
    let module = &optimized.module;
    let future = crate::future::from_ast(module, filename)?;
    let future_location = future.location.map(|r| (r.lineno as i32, r.col_offset as i32));
    let st = crate::symtable::build(module, filename, future)?;
    let scopes = scopes::from_symtable(&st);
    let mut c = Compiler {
        filename: filename.to_string(),
        optimize,
        future_annotations: false,
        scopes,
        units: Vec::new(),
        assemble,
        interactive: false,
        folded: &optimized.folded,
        future_location,
    };
    c.compile_mod(module)
}

impl<'a> Compiler<'a> {
    pub fn u(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("a unit is open")
    }
    pub fn ur(&self) -> &Unit<'a> {
        self.units.last().expect("a unit is open")
    }

    pub fn error(&self, loc: Location, msg: &str) -> SyntaxError {
        SyntaxError {
            kind: SyntaxErrorKind::SyntaxError,
            msg: msg.to_string(),
            lineno: loc.lineno.max(0) as u32,
            offset: (loc.col_offset + 1).max(0) as u32,
            end_lineno: Some(loc.end_lineno.max(0) as u32),
            end_offset: Some((loc.end_col_offset + 1).max(0) as u32),
            text: None,
        }
    }

    // ---- emission ----
    pub fn addop(&mut self, op: Opcode, loc: Location) {
        self.u().seq.addop(op, 0, loc);
    }
    pub fn addop_i(&mut self, op: Opcode, arg: i32, loc: Location) {
        self.u().seq.addop(op, arg, loc);
    }
    pub fn addop_jump(&mut self, op: Opcode, target: Label, loc: Location) {
        self.u().seq.addop(op, target.0, loc);
    }
    pub fn new_label(&mut self) -> Label {
        self.u().seq.new_label()
    }
    pub fn use_label(&mut self, l: Label) {
        self.u().seq.use_label(l);
    }
    pub fn add_const(&mut self, c: Constant) -> i32 {
        self.u().meta.consts.insert(c) as i32
    }
    pub fn load_const(&mut self, c: Constant, loc: Location) {
        let i = self.add_const(c);
        self.addop_i(Opcode::LOAD_CONST, i, loc);
    }
    pub fn add_name(&mut self, name: &str) -> i32 {
        let m = self.mangle(name);
        self.u().meta.names.insert_str(&m) as i32
    }
    pub fn add_name_raw(&mut self, name: &str) -> i32 {
        self.u().meta.names.insert_str(name) as i32
    }
    /// ADDOP_NAME: the name is mangled.
    pub fn addop_name(&mut self, op: Opcode, name: &str, loc: Location) {
        let i = self.add_name(name);
        self.addop_i(op, i, loc);
    }
    pub fn mangle(&self, name: &str) -> String {
        scopes::mangle(self.ur().private.as_deref(), name)
    }

    pub fn cur_scope(&self) -> &scopes::Scope {
        &self.scopes.scopes[self.ur().scope]
    }

    // ---- fblocks ----
    pub fn push_fblock(&mut self, loc: Location, kind: FBlockKind, block: Label, exit: Option<Label>, datum: FBlockDatum<'a>) -> CResult<()> {
        if self.ur().fblocks.len() >= CO_MAXBLOCKS {
            return Err(self.error(loc, "too many statically nested blocks"));
        }
        self.u().fblocks.push(FBlock { kind, block, exit, datum, loc });
        Ok(())
    }
    pub fn pop_fblock(&mut self) {
        self.u().fblocks.pop();
    }

    // ---- units ----
    pub fn enter_scope(&mut self, name: &str, kind: UnitKind, scope: usize, lineno: i32) -> CResult<()> {
        let mut meta = CodeUnitMetadata { name: PyStr::new(name), firstlineno: lineno, ..Default::default() };
        let sc = &self.scopes.scopes[scope];
        for v in &sc.varnames {
            meta.varnames.insert(PyStr::new(v));
        }
        let mut cells: Vec<&String> = sc
            .symbols
            .iter()
            .filter(|(_, s)| s.scope == Sc::Cell || s.flags & scopes::DEF_COMP_CELL != 0)
            .map(|(n, _)| n)
            .collect();
        cells.sort();
        for c in cells {
            meta.cellvars.insert(PyStr::new(c));
        }
        if sc.needs_class_closure {
            meta.cellvars.insert(PyStr::new("__class__"));
        }
        if sc.needs_classdict {
            meta.cellvars.insert(PyStr::new("__classdict__"));
        }
        let mut frees: Vec<&String> = sc
            .symbols
            .iter()
            .filter(|(_, s)| s.scope == Sc::Free || s.flags & scopes::DEF_FREE_CLASS != 0)
            .map(|(n, _)| n)
            .collect();
        frees.sort();
        for f in frees {
            meta.freevars.insert(PyStr::new(f));
        }
        let private = if kind == UnitKind::Class {
            Some(name.to_string())
        } else {
            self.units.last().and_then(|u| u.private.clone())
        };
        self.units.push(Unit {
            meta,
            seq: InstrSequence::new(),
            kind,
            scope,
            fblocks: Vec::new(),
            private,
            nested: Vec::new(),
            in_inlined_comp: 0,
            inlined_scopes: Vec::new(),
            fasthidden_active: Default::default(),
            static_attributes: Default::default(),
        });
        let loc = Location { lineno: if kind == UnitKind::Module { 0 } else { lineno }, end_lineno: lineno, col_offset: 0, end_col_offset: 0 };
        if kind != UnitKind::Module {
            self.set_qualname();
        }
        self.addop_i(Opcode::RESUME, 0, loc);
        Ok(())
    }

    /// `compiler_set_qualname`.
    fn set_qualname(&mut self) {
        let n = self.units.len();
        let name = self.units[n - 1].meta.name.as_str().unwrap_or("").to_string();
        let mut qual = name.clone();
        if n > 1 {
            let mut pi = n - 2;
            if self.units[pi].kind == UnitKind::TypeParams {
                // A type-parameter unit is transparent: look at the grandparent.
                if n == 3 {
                    self.u().meta.qualname = PyStr::new(&name);
                    return;
                }
                pi = n - 3;
            }
            let parent = &self.units[pi];
            let mut force_global = false;
            let kind = self.units[n - 1].kind;
            if matches!(kind, UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Class) {
                let mangled = scopes::mangle(parent.private.as_deref(), &name);
                let sc = self.scopes.scopes[parent.scope].get_scope(&mangled);
                if sc == Sc::GlobalExplicit {
                    force_global = true;
                }
            }
            if !force_global && parent.kind != UnitKind::Module {
                let pq = parent.meta.qualname.as_str().unwrap_or("").to_string();
                if matches!(parent.kind, UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Lambda) {
                    qual = format!("{pq}.<locals>.{name}");
                } else {
                    qual = format!("{pq}.{name}");
                }
            }
        }
        self.u().meta.qualname = PyStr::new(&qual);
    }

    /// Finish the current unit: returns its output (the caller assembles it).
    pub fn exit_scope(&mut self) -> CodegenOutput {
        let u = self.units.pop().expect("unit");
        let flags = self.compute_flags(&u);
        CodegenOutput { meta: u.meta, seq: u.seq, flags, nested: u.nested }
    }

    /// `compute_code_flags`.
    fn compute_flags(&self, u: &Unit) -> i32 {
        use taipan_bytecode::code::flags::*;
        let sc = &self.scopes.scopes[u.scope];
        let mut f = 0;
        if sc.is_function_like() {
            f |= CO_NEWLOCALS | CO_OPTIMIZED;
            if sc.nested {
                f |= CO_NESTED;
            }
            if sc.is_generator && !sc.is_coroutine {
                f |= CO_GENERATOR;
            }
            if sc.is_generator && sc.is_coroutine {
                f |= CO_ASYNC_GENERATOR;
            }
            if sc.varargs {
                f |= CO_VARARGS;
            }
            if sc.varkeywords {
                f |= CO_VARKEYWORDS;
            }
        }
        if sc.is_coroutine && !sc.is_generator {
            f |= CO_COROUTINE;
        }
        if self.future_annotations {
            f |= CO_FUTURE_ANNOTATIONS;
        }
        f
    }

    /// Assemble a finished child and keep its sequence in the parent's nested list;
    /// returns the code constant.
    pub fn finish_child(&mut self, out: CodegenOutput) -> Constant {
        let code = (self.assemble)(&out.meta, &out.seq, out.flags, &self.filename);
        self.u().nested.push(out);
        Constant::Code(Arc::new(code))
    }

    fn compile_mod(&mut self, module: &'a ast::Mod) -> CResult<CodegenOutput> {
        match module {
            ast::Mod::Module(m) => {
                self.future_annotations = has_future_annotations(&m.body);
                self.enter_scope("<module>", UnitKind::Module, 0, 1)?;
                self.compile_body(&m.body)?;
                self.load_const(Constant::None, NO_LOC);
                self.addop(Opcode::RETURN_VALUE, NO_LOC);
            }
            ast::Mod::Interactive(m) => {
                self.interactive = true;
                self.enter_scope("<module>", UnitKind::Module, 0, 1)?;
                if find_ann(&m.body) {
                    let loc = Location { lineno: 1, end_lineno: 1, col_offset: 0, end_col_offset: 0 };
                    self.addop(Opcode::SETUP_ANNOTATIONS, loc);
                }
                for s in &m.body {
                    self.visit_stmt(s)?;
                }
                self.load_const(Constant::None, NO_LOC);
                self.addop(Opcode::RETURN_VALUE, NO_LOC);
            }
            ast::Mod::Expression(m) => {
                self.enter_scope("<module>", UnitKind::Module, 0, 1)?;
                self.visit_expr(&m.body)?;
                self.addop(Opcode::RETURN_VALUE, NO_LOC);
            }
            ast::Mod::FunctionType(_) => {
                return Err(self.error(NO_LOC, "function_type mode is not compilable"));
            }
        }
        Ok(self.exit_scope())
    }

    /// `compiler_body` for a module: `SETUP_ANNOTATIONS`, docstring, statements.
    pub fn compile_body(&mut self, body: &'a [ast::Stmt]) -> CResult<()> {
        let loc = body.first().map(|s| loc_of(s.range())).unwrap_or(NO_LOC);
        self.compile_body_at(body, loc)
    }
}

/// `_PyAST_GetDocString`: the first statement when it is a str constant expression.
pub fn docstring(body: &[ast::Stmt]) -> Option<&ast::Wtf8Buf> {
    if let Some(ast::Stmt::Expr(e)) = body.first() {
        if let ast::Expr::Constant(c) = &*e.value {
            if let ast::Constant::Str(s) = &c.value {
                return Some(s);
            }
        }
    }
    None
}

pub(crate) fn has_future_annotations(body: &[ast::Stmt]) -> bool {
    let mut i = 0;
    if docstring(body).is_some() {
        i = 1;
    }
    while let Some(ast::Stmt::ImportFrom(f)) = body.get(i) {
        if f.module.as_deref() != Some("__future__") {
            break;
        }
        if f.names.iter().any(|a| a.name == "annotations") {
            return true;
        }
        i += 1;
    }
    false
}

/// `find_ann`: does the block contain an annotated assignment (not inside nested scopes)?
pub fn find_ann(body: &[ast::Stmt]) -> bool {
    use ast::Stmt::*;
    body.iter().any(|s| match s {
        AnnAssign(_) => true,
        For(f) => find_ann(&f.body) || find_ann(&f.orelse),
        AsyncFor(f) => find_ann(&f.body) || find_ann(&f.orelse),
        While(w) => find_ann(&w.body) || find_ann(&w.orelse),
        If(i) => find_ann(&i.body) || find_ann(&i.orelse),
        With(w) => find_ann(&w.body),
        AsyncWith(w) => find_ann(&w.body),
        Try(t) => {
            t.handlers.iter().any(|h| find_ann(&h.body)) || find_ann(&t.body) || find_ann(&t.orelse) || find_ann(&t.finalbody)
        }
        TryStar(t) => {
            t.handlers.iter().any(|h| find_ann(&h.body)) || find_ann(&t.body) || find_ann(&t.orelse) || find_ann(&t.finalbody)
        }
        Match(m) => m.cases.iter().any(|c| find_ann(&c.body)),
        _ => false,
    })
}

