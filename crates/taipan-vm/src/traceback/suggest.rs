//! "Did you mean: …?" for NameError and AttributeError (`traceback._compute_suggestion_error`
//! of 3.13): the closest candidate by a Levenshtein distance where a move costs 2 and a
//! change of case only 1, accepted when at most about a third of the characters change.

use crate::object::{PyObject, PyRef};
use crate::types::{exceptions, str as pystr};
use crate::vm::Vm;

const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

fn substitution_cost(a: char, b: char) -> usize {
    if a == b {
        0
    } else if a.to_lowercase().eq(b.to_lowercase()) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

fn levenshtein(a: &[char], b: &[char], max_cost: usize) -> usize {
    if a == b {
        return 0;
    }
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[pre..], &b[pre..]);
    let post = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (mut a, mut b) = (&a[..a.len() - post], &b[..b.len() - post]);
    if a.is_empty() || b.is_empty() {
        return MOVE_COST * (a.len() + b.len());
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut row: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &bc) in b.iter().enumerate() {
        let mut distance = bi * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (i, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(bc, ac);
            distance = row[i];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            row[i] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// The closest of `candidates` to `wrong`, if close enough.
pub fn best_match(candidates: &[String], wrong: &str) -> Option<String> {
    if candidates.len() > MAX_CANDIDATE_ITEMS {
        return None;
    }
    let w: Vec<char> = wrong.chars().collect();
    if w.len() > MAX_STRING_SIZE {
        return None;
    }
    let mut best = w.len();
    let mut suggestion: Option<&String> = None;
    for c in candidates {
        if c == wrong {
            continue;
        }
        let cc: Vec<char> = c.chars().collect();
        let max_distance = ((cc.len() + w.len() + 3) * MOVE_COST / 6).min(best.wrapping_sub(1));
        if best == 0 {
            break;
        }
        let d = levenshtein(&w, &cc, max_distance);
        if d > max_distance {
            continue;
        }
        if suggestion.is_none() || d < best {
            suggestion = Some(c);
            best = d;
        }
    }
    suggestion.cloned()
}

fn names_of(vm: &Vm, o: &PyObject) -> Option<Vec<String>> {
    let items = crate::protocol::iterate(vm, o).ok()?;
    Some(items.iter().filter_map(|n| pystr::downcast_str(n).map(|s| s.to_string_lossy())).collect())
}

fn last_frame(exc: &PyObject) -> Option<PyRef> {
    let mut t = exceptions::as_exc(exc).traceback.borrow().clone()?;
    loop {
        let next = t.downcast::<super::PyTraceback>()?.tb_next.borrow().clone();
        match next {
            Some(n) => t = n,
            None => return Some(t.downcast::<super::PyTraceback>()?.tb_frame.clone()),
        }
    }
}

/// The text to add after the message (". Did you mean: 'x'?"), or empty.
/// `from m import wrong`: the closest public name of `sys.modules[m]` (ImportError's
/// `name` and `name_from`).
fn import_suggestion(vm: &Vm, exc: &PyObject) -> String {
    let fields = exceptions::as_exc(exc).fields.borrow().clone();
    let (Some(Some(module)), Some(Some(wrong))) = (fields.get(1).cloned(), fields.get(3).cloned()) else { return String::new() };
    let Some(wrong) = pystr::downcast_str(&wrong).map(|s| s.to_string_lossy()) else { return String::new() };
    let Ok(Some(m)) = crate::types::dict::get_item(vm, &vm.modules, &module) else { return String::new() };
    let Some(dir) = crate::protocol::getattr(vm, &vm.builtins, &vm.intern("dir")).ok() else { return String::new() };
    let Some(d) = crate::protocol::call(vm, &dir, &[m], &[]).ok().and_then(|l| names_of(vm, &l)) else { return String::new() };
    let d: Vec<String> = if wrong.starts_with('_') { d } else { d.into_iter().filter(|x| !x.starts_with('_')).collect() };
    match best_match(&d, &wrong) {
        Some(s) => format!(". Did you mean: '{s}'?"),
        None => String::new(),
    }
}

pub fn suggestion_suffix(vm: &Vm, exc: &PyObject) -> String {
    let tp = exc.ob_type();
    let is_attr = tp.is_subtype(&exceptions::ATTRIBUTE_ERROR);
    let is_name = tp.is_subtype(&exceptions::NAME_ERROR);
    if tp.is_subtype(&exceptions::IMPORT_ERROR) {
        return import_suggestion(vm, exc);
    }
    if !is_attr && !is_name {
        return String::new();
    }
    let fields = exceptions::as_exc(exc).fields.borrow().clone();
    let Some(Some(name)) = fields.first().cloned() else { return String::new() };
    let Some(wrong) = pystr::downcast_str(&name).map(|s| s.to_string_lossy()) else { return String::new() };
    let frame = last_frame(exc);
    let getattr = |o: &PyObject, n: &str| crate::protocol::getattr(vm, o, &vm.intern(n)).ok();
    let suggestion = if is_attr {
        let Some(Some(obj)) = fields.get(1).cloned() else { return String::new() };
        let Some(dir) = getattr(&vm.builtins, "dir") else { return String::new() };
        let Some(d) = crate::protocol::call(vm, &dir, &[obj.clone()], &[]).ok().and_then(|l| names_of(vm, &l)) else {
            return String::new();
        };
        let mut hide = !wrong.starts_with('_');
        if hide {
            if let Some(f) = &frame {
                if let Some(locals) = getattr(f, "f_locals") {
                    if let Ok(s) = crate::protocol::getitem(vm, &locals, &vm.intern("self")) {
                        if s.is(&obj) {
                            hide = false;
                        }
                    }
                }
            }
        }
        let d: Vec<String> = if hide { d.into_iter().filter(|x| !x.starts_with('_')).collect() } else { d };
        best_match(&d, &wrong)
    } else {
        let Some(f) = frame else { return String::new() };
        let mut d = Vec::new();
        let mut self_obj = None;
        for attr in ["f_locals", "f_globals", "f_builtins"] {
            if let Some(m) = getattr(&f, attr) {
                if attr == "f_locals" {
                    self_obj = crate::protocol::getitem(vm, &m, &vm.intern("self")).ok();
                }
                d.extend(names_of(vm, &m).unwrap_or_default());
            }
        }
        if let Some(s) = self_obj {
            if crate::protocol::getattr_opt(vm, &s, &name).ok().flatten().is_some() {
                return format!(". Did you mean: 'self.{wrong}'?");
            }
        }
        best_match(&d, &wrong)
    };
    let mut out = String::new();
    if let Some(s) = &suggestion {
        out.push_str(&format!(". Did you mean: '{s}'?"));
    }
    if is_name {
        let stdlib = getattr(&vm.sys, "stdlib_module_names")
            .and_then(|s| crate::protocol::contains(vm, &s, &name).ok())
            .unwrap_or(false);
        if stdlib {
            if suggestion.is_some() {
                out.push_str(&format!(" Or did you forget to import '{wrong}'?"));
            } else {
                out.push_str(&format!(". Did you forget to import '{wrong}'?"));
            }
        }
    }
    out
}
