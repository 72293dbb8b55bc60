//! API-level checks: that codegen can find every block by its node's key and reads the
//! flags `_symtable` does not expose. (The flag integers, children, varnames and errors
//! themselves are compared with the reference over all of Lib and tests/compile_errors by
//! tools/conformance/symtable.py.)

use taipan_parser::ast::{Expr, Mod, Stmt, TypeParam};
use taipan_parser::parser::{parse, Mode};

use super::*;

/// The module is boxed before building: keys are addresses, so the `Mod` itself must not
/// move between `build` and the lookups.
fn table(src: &str) -> (Box<Mod>, SymbolTable) {
    let m = Box::new(parse(src, Mode::Exec, "<t>", false).expect("parses"));
    let future = crate::future::from_ast(&m, "<t>").expect("future");
    let t = build(&m, "<t>", future).expect("builds");
    (m, t)
}

fn body(m: &Mod) -> &[Stmt] {
    match m {
        Mod::Module(m) => &m.body,
        _ => unreachable!(),
    }
}

#[test]
fn lookup_by_node_key() {
    let src = "class C[T: int = str]:\n    def f(self):\n        return super().x, [y for y in self], (z for z in self), lambda: 1\ntype A[U] = U\n";
    let (m, t) = table(src);
    assert_eq!(t.lookup(key(&*m)).unwrap().typ, BlockType::Module);
    let Stmt::ClassDef(c) = &body(&m)[0] else {
        panic!()
    };
    let tp = t.lookup(type_params_key(&c.type_params)).unwrap();
    assert_eq!((tp.typ, tp.name.as_str()), (BlockType::TypeParameters, "C"));
    let TypeParam::TypeVar(tv) = &c.type_params[0] else {
        panic!()
    };
    assert_eq!(
        t.lookup(key(tv)).unwrap().scope_info,
        Some("a TypeVar bound")
    );
    assert_eq!(
        t.lookup(type_param_default_key(tv)).unwrap().scope_info,
        Some("a TypeVar default")
    );
    let class = t.lookup(key(c)).unwrap();
    assert_eq!(class.typ, BlockType::Class);
    assert!(class.needs_class_closure && !class.needs_classdict);
    let Stmt::FunctionDef(f) = &c.body[0] else {
        panic!()
    };
    let func = t.lookup(key(f)).unwrap();
    assert_eq!(func.get_scope("__class__"), Some(Scope::Free));
    assert_eq!(func.get_scope("y"), Some(Scope::Local));
    let Stmt::Return(r) = &f.body[0] else {
        panic!()
    };
    let Some(Expr::Tuple(tuple)) = r.value.as_deref() else {
        panic!()
    };
    let Expr::ListComp(lc) = &tuple.elts[1] else {
        panic!()
    };
    let lc = t.lookup(key(lc)).unwrap();
    assert!(lc.comp_inlined && lc.comprehension == ComprehensionType::List);
    let Expr::GeneratorExp(g) = &tuple.elts[2] else {
        panic!()
    };
    let g = t.lookup(key(g)).unwrap();
    assert!(g.generator && !g.comp_inlined && g.varnames == [".0"]);
    let Expr::Lambda(l) = &tuple.elts[3] else {
        panic!()
    };
    assert_eq!(t.lookup(key(l)).unwrap().name, "lambda");
    let Stmt::TypeAlias(a) = &body(&m)[1] else {
        panic!()
    };
    assert_eq!(t.lookup(key(a)).unwrap().typ, BlockType::TypeAlias);
    assert_eq!(
        t.lookup(type_params_key(&a.type_params)).unwrap().typ,
        BlockType::TypeParameters
    );
}

#[test]
fn generator_and_coroutine_flags() {
    let (m, t) = table("async def f(*a, **k):\n    yield [x async for x in a]\n");
    let Stmt::AsyncFunctionDef(f) = &body(&m)[0] else {
        panic!()
    };
    let e = t.lookup(key(f)).unwrap();
    assert!(e.generator && e.coroutine && e.varargs && e.varkeywords);
    assert_eq!(e.varnames, ["a", "k"]);
}

#[test]
fn errors_are_byte_offsets() {
    let m = parse("def fé(é, é): pass\n", Mode::Exec, "<t>", false).unwrap();
    let e = build(&m, "<t>", Default::default()).unwrap_err();
    assert_eq!(e.msg, "duplicate argument 'é' in function definition");
    assert_eq!(
        (e.lineno, e.offset, e.end_lineno, e.end_offset),
        (1, 13, Some(1), Some(15))
    );
}

#[test]
fn too_deep_is_a_recursion_error() {
    let src = format!("a{}\n", ".b".repeat(10_000));
    let m = parse(&src, Mode::Exec, "<t>", false).unwrap();
    let e = build(&m, "<t>", Default::default()).unwrap_err();
    assert_eq!(
        e.kind,
        taipan_parser::error::SyntaxErrorKind::RecursionError
    );
    let src = format!("a{}\n", ".b".repeat(9_998));
    let m = parse(&src, Mode::Exec, "<t>", false).unwrap();
    assert!(build(&m, "<t>", Default::default()).is_ok());
}
