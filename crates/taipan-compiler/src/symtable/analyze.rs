//! Second pass (`symtable_analyze` of CPython 3.13's symtable.c): decides the scope of
//! every name, top-down.
//!
//! Each block receives `bound` (names bound in enclosing function-like scopes), `global`
//! (names declared global in enclosing scopes) and `type_params`, analyzes its own names,
//! then its children with the sets extended by its own bindings (a class's bindings are
//! invisible to its children, except the implicit `__class__`/`__classdict__` cells).
//! Children report the names they need from outside (`free`); a local name that a child
//! needs becomes a cell. Comprehensions other than generator expressions are inlined into
//! their parent (PEP 709): their names are merged into the parent's symbols and their
//! children take their place among the parent's children.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use taipan_parser::error::SyntaxError;

use super::builder::error_at;
use super::*;

type Set = HashSet<String>;
type R<T = ()> = Result<T, SyntaxError>;

const LOCAL: i64 = Scope::Local as i64;
const GLOBAL_EXPLICIT: i64 = Scope::GlobalExplicit as i64;
const GLOBAL_IMPLICIT: i64 = Scope::GlobalImplicit as i64;
const FREE: i64 = Scope::Free as i64;
const CELL: i64 = Scope::Cell as i64;

pub(super) fn analyze(t: &mut SymbolTable) -> R {
    let mut free = Set::default();
    let mut global = Set::default();
    let mut type_params = Set::default();
    analyze_block(t, 0, None, &mut free, &mut global, &mut type_params, None)
}

/// `error_at_directive`: the error is located at the `global`/`nonlocal` statement (or
/// walrus target) that declared `name`.
fn error_at_directive(ste: &SymbolTableEntry, name: &str, msg: String) -> SyntaxError {
    let loc = ste
        .directives
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, l)| *l)
        .unwrap_or_default();
    error_at(msg, loc)
}

#[allow(clippy::too_many_arguments)]
fn analyze_name(
    ste: &mut SymbolTableEntry,
    scopes: &mut HashMap<String, i64>,
    name: &str,
    flags: SymbolFlags,
    bound: Option<&mut Set>,
    local: &mut Set,
    free: &mut Set,
    global: &mut Set,
    type_params: &mut Set,
    class_entry: Option<&SymbolTableEntry>,
) -> R {
    if flags & DEF_GLOBAL != 0 {
        if flags & DEF_NONLOCAL != 0 {
            return Err(error_at_directive(
                ste,
                name,
                format!("name '{name}' is nonlocal and global"),
            ));
        }
        scopes.insert(name.to_owned(), GLOBAL_EXPLICIT);
        global.insert(name.to_owned());
        if let Some(bound) = bound {
            bound.remove(name);
        }
        return Ok(());
    }
    if flags & DEF_NONLOCAL != 0 {
        let Some(bound) = bound else {
            return Err(error_at_directive(
                ste,
                name,
                "nonlocal declaration not allowed at module level".into(),
            ));
        };
        if !bound.contains(name) {
            return Err(error_at_directive(
                ste,
                name,
                format!("no binding for nonlocal '{name}' found"),
            ));
        }
        if type_params.contains(name) {
            return Err(error_at_directive(
                ste,
                name,
                format!("nonlocal binding not allowed for type parameter '{name}'"),
            ));
        }
        scopes.insert(name.to_owned(), FREE);
        ste.free = true;
        free.insert(name.to_owned());
        return Ok(());
    }
    if flags & DEF_BOUND != 0 {
        scopes.insert(name.to_owned(), LOCAL);
        local.insert(name.to_owned());
        global.remove(name);
        if flags & DEF_TYPE_PARAM != 0 {
            type_params.insert(name.to_owned());
        } else {
            type_params.remove(name);
        }
        return Ok(());
    }
    // In an annotation scope that can see its class: a name the class binds resolves
    // through the class namespace, then globals (never an outer function's binding).
    if let Some(class_entry) = class_entry {
        let class_flags = class_entry.get_symbol(name);
        if class_flags & DEF_GLOBAL != 0 {
            scopes.insert(name.to_owned(), GLOBAL_EXPLICIT);
            return Ok(());
        } else if class_flags & DEF_BOUND != 0 && class_flags & DEF_NONLOCAL == 0 {
            scopes.insert(name.to_owned(), GLOBAL_IMPLICIT);
            return Ok(());
        }
    }
    if let Some(bound) = &bound {
        if bound.contains(name) {
            scopes.insert(name.to_owned(), FREE);
            ste.free = true;
            free.insert(name.to_owned());
            return Ok(());
        }
    }
    if global.contains(name) {
        scopes.insert(name.to_owned(), GLOBAL_IMPLICIT);
        return Ok(());
    }
    if ste.nested {
        ste.free = true;
    }
    scopes.insert(name.to_owned(), GLOBAL_IMPLICIT);
    Ok(())
}

fn is_free_in_any_child(t: &SymbolTable, comp: EntryId, name: &str) -> bool {
    t.entries[comp]
        .children
        .iter()
        .any(|&c| t.entries[c].get_scope(name) == Some(Scope::Free))
}

/// `inline_comprehension`: merge an inlined comprehension's names into its parent.
fn inline_comprehension(
    t: &mut SymbolTable,
    ste: EntryId,
    comp: EntryId,
    scopes: &mut HashMap<String, i64>,
    comp_free: &mut Set,
    inlined_cells: &mut Set,
) {
    let mut remove_dunder_class = false;
    let comp_symbols: Vec<(String, SymbolFlags)> = t.entries[comp]
        .symbols
        .iter()
        .map(|(n, f)| (n.to_owned(), f))
        .collect();
    let parent_is_class = t.entries[ste].typ == BlockType::Class;
    for (k, comp_flags) in comp_symbols {
        if comp_flags & DEF_PARAM != 0 {
            continue; // the `.0` parameter
        }
        let mut scope = (comp_flags >> SCOPE_OFFSET) & SCOPE_MASK;
        let only_flags = comp_flags & ((1 << SCOPE_OFFSET) - 1);
        if scope == CELL || only_flags & DEF_COMP_CELL != 0 {
            inlined_cells.insert(k.clone());
        }
        let existing = t.entries[ste].symbols.get(&k);
        // `__class__` is never free through a class scope (see drop_class_free).
        if scope == FREE && parent_is_class && k == "__class__" {
            scope = GLOBAL_IMPLICIT;
            comp_free.remove(&k);
            remove_dunder_class = true;
        }
        match existing {
            None => {
                t.entries[ste].symbols.insert(&k, only_flags);
                scopes.insert(k, scope);
            }
            Some(flags) => {
                // A name free in the comprehension but local in the parent is simply
                // local now, unless a child of the comprehension needs it free or the
                // parent is a class.
                if flags & DEF_BOUND != 0 && !parent_is_class && !is_free_in_any_child(t, comp, &k)
                {
                    comp_free.remove(&k);
                }
            }
        }
    }
    t.entries[comp].free = !comp_free.is_empty();
    if remove_dunder_class {
        t.entries[comp].symbols.remove("__class__");
    }
}

/// `analyze_cells`: locals that a child needs (or that were cells of an inlined
/// comprehension) become cells.
fn analyze_cells(scopes: &mut HashMap<String, i64>, free: &mut Set, inlined_cells: &Set) {
    for (name, scope) in scopes.iter_mut() {
        if *scope != LOCAL {
            continue;
        }
        if !free.contains(name) && !inlined_cells.contains(name) {
            continue;
        }
        *scope = CELL;
        free.remove(name);
    }
}

/// `drop_class_free`: `__class__`/`__classdict__` needed by children are provided by the
/// class itself (as implicit cells), not propagated further.
fn drop_class_free(ste: &mut SymbolTableEntry, free: &mut Set) {
    if free.remove("__class__") {
        ste.needs_class_closure = true;
    }
    if free.remove("__classdict__") {
        ste.needs_classdict = true;
    }
}

/// `update_symbols`: store each name's scope in its flags, and add the names free in
/// children that pass through this block.
fn update_symbols(
    ste: &mut SymbolTableEntry,
    scopes: &HashMap<String, i64>,
    bound: Option<&Set>,
    free: &Set,
    inlined_cells: &Set,
    classflag: bool,
) {
    for (name, flags) in ste.symbols.iter_mut() {
        if inlined_cells.contains(name) {
            *flags |= DEF_COMP_CELL;
        }
        let scope = scopes.get(name).copied().unwrap_or(0);
        *flags |= scope << SCOPE_OFFSET;
    }
    // Sorted for determinism (CPython iterates a set here; only the order of the
    // symbols dict differs, never the flags).
    let mut free: Vec<&String> = free.iter().collect();
    free.sort();
    for name in free {
        if let Some(flags) = ste.symbols.get(name) {
            // A free variable of a method with the same name as a local or global of the
            // class.
            if classflag {
                ste.symbols.insert(name, flags | DEF_FREE_CLASS);
            }
            continue;
        }
        if let Some(bound) = bound {
            if !bound.contains(name) {
                continue; // a global
            }
        }
        ste.symbols.insert(name, FREE << SCOPE_OFFSET);
    }
}

/// `analyze_block`.
fn analyze_block(
    t: &mut SymbolTable,
    ste: EntryId,
    mut bound: Option<&mut Set>,
    free: &mut Set,
    global: &mut Set,
    type_params: &mut Set,
    class_entry: Option<EntryId>,
) -> R {
    let mut local = Set::default();
    let mut scopes: HashMap<String, i64> = HashMap::default();
    let mut newglobal = Set::default();
    let mut newfree = Set::default();
    let mut newbound = Set::default();
    let mut inlined_cells = Set::default();
    let typ = t.entries[ste].typ;

    // A class's bindings are invisible to nested blocks: pass down what was visible
    // before it.
    if typ == BlockType::Class {
        newglobal.extend(global.iter().cloned());
        if let Some(b) = &bound {
            newbound.extend(b.iter().cloned());
        }
    }

    // The symbols are moved out while their names are analyzed (analyze_name never reads
    // them) rather than copied, and put back after.
    let names = std::mem::take(&mut t.entries[ste].symbols);
    let analyzed = (|| {
        let (class_ref, ste_ref) = match class_entry {
            Some(c) if c < ste => {
                let (a, b) = t.entries.split_at_mut(ste);
                (Some(&a[c]), &mut b[0])
            }
            _ => (None, &mut t.entries[ste]),
        };
        for (name, flags) in names.iter() {
            analyze_name(
                ste_ref,
                &mut scopes,
                name,
                flags,
                bound.as_deref_mut(),
                &mut local,
                free,
                global,
                type_params,
                class_ref,
            )?;
        }
        Ok(())
    })();
    t.entries[ste].symbols = names;
    analyzed?;

    if typ != BlockType::Class {
        if t.entries[ste].is_function_like() {
            newbound.extend(local.iter().cloned());
        }
        if let Some(b) = &bound {
            newbound.extend(b.iter().cloned());
        }
        newglobal.extend(global.iter().cloned());
    } else {
        newbound.insert("__class__".to_owned());
        newbound.insert("__classdict__".to_owned());
    }

    let children = t.entries[ste].children.clone();
    let ste_can_see_class_scope = t.entries[ste].can_see_class_scope;
    for &child in &children {
        let new_class_entry = if t.entries[child].can_see_class_scope {
            if typ == BlockType::Class {
                Some(ste)
            } else {
                class_entry
            }
        } else {
            None
        };
        let c = &t.entries[child];
        // All comprehensions but generator expressions are inlined, except in annotation
        // scopes that can see a class.
        let inline_comp = c.comprehension != ComprehensionType::NoComprehension
            && !c.generator
            && !ste_can_see_class_scope;
        let mut child_free = analyze_child_block(
            t,
            child,
            &newbound,
            &newfree,
            &newglobal,
            type_params,
            new_class_entry,
        )?;
        if inline_comp {
            inline_comprehension(
                t,
                ste,
                child,
                &mut scopes,
                &mut child_free,
                &mut inlined_cells,
            );
            t.entries[child].comp_inlined = true;
        }
        newfree.extend(child_free);
        if t.entries[child].free || t.entries[child].child_free {
            t.entries[ste].child_free = true;
        }
    }

    // Splice the children of inlined comprehensions into our children list.
    let mut spliced = Vec::with_capacity(children.len());
    for &child in &children {
        if t.entries[child].comp_inlined {
            spliced.extend(t.entries[child].children.iter().copied());
        } else {
            spliced.push(child);
        }
    }
    t.entries[ste].children = spliced;

    if t.entries[ste].is_function_like() {
        analyze_cells(&mut scopes, &mut newfree, &inlined_cells);
    } else if typ == BlockType::Class {
        drop_class_free(&mut t.entries[ste], &mut newfree);
    }
    let classflag = typ == BlockType::Class || ste_can_see_class_scope;
    update_symbols(
        &mut t.entries[ste],
        &scopes,
        bound.as_deref(),
        &newfree,
        &inlined_cells,
        classflag,
    );
    free.extend(newfree);
    Ok(())
}

/// `analyze_child_block`: analyze `entry` with copies of the sets, so that its bindings
/// don't leak to its siblings; returns the free set it produced.
fn analyze_child_block(
    t: &mut SymbolTable,
    entry: EntryId,
    bound: &Set,
    free: &Set,
    global: &Set,
    type_params: &Set,
    class_entry: Option<EntryId>,
) -> R<Set> {
    let mut temp_bound = bound.clone();
    let mut temp_free = free.clone();
    let mut temp_global = global.clone();
    let mut temp_type_params = type_params.clone();
    analyze_block(
        t,
        entry,
        Some(&mut temp_bound),
        &mut temp_free,
        &mut temp_global,
        &mut temp_type_params,
        class_entry,
    )?;
    Ok(temp_free)
}
