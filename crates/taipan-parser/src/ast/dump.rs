//! `ast.dump(node, annotate_fields=True, include_attributes=…, indent=…)` of CPython 3.13,
//! the text `python3.13 -m ast` prints.
//!
//! The rules mirror `Lib/ast.py`: optional fields that are `None` are left out (and force
//! `name=` keywords from then on), empty lists are left out unless a later field is shown,
//! a node whose arguments are all "simple" and at most three is printed on one line.
//!
//! The same walk also builds a [`Tree`] (see [`to_tree`]): every node with all its fields
//! (None and empty lists included) and its location, the values typed — what
//! `compile(…, PyCF_ONLY_AST)` turns into `ast` objects.

use super::{Constant, TextRange};
use crate::repr;

/// Something `ast.dump` can format: nodes, lists, optional values, identifiers, ints and
/// constants.
pub trait Dump {
    fn dump(&self, d: &mut Dumper);
    /// An optional field holding `None`.
    fn is_none(&self) -> bool {
        false
    }
    /// A list field holding `[]`.
    fn is_empty_list(&self) -> bool {
        false
    }
}

/// A node tree as `ast` objects hold it, independent of the Rust node types.
#[derive(Clone, Debug, PartialEq)]
pub enum Tree {
    Node { name: &'static str, fields: Vec<(String, Tree)>, range: Option<TextRange> },
    List(Vec<Tree>),
    None,
    Str(String),
    Int(i64),
    Constant(Constant),
}

/// The [`Tree`] of a node.
pub fn to_tree(node: &dyn Dump) -> Tree {
    let mut d = Dumper {
        indent: None,
        include_attributes: true,
        level: 0,
        frames: Vec::new(),
        out: (String::new(), true),
        depth: 1,
        max_depth: 1,
        measure_only: true,
        tree: Some(TreeState { stack: Vec::new(), out: Tree::None }),
    };
    node.dump(&mut d);
    d.tree.take().map(|t| t.out).unwrap_or(Tree::None)
}

struct TreeState {
    stack: Vec<(&'static str, Vec<(String, Tree)>, Option<TextRange>)>,
    out: Tree,
}

struct Frame {
    args: Vec<String>,
    args_buffer: Vec<String>,
    allsimple: bool,
    keywords: bool,
    /// `Constant` and `MatchSingleton` show a `None` value instead of omitting it.
    shows_empty: bool,
    name: &'static str,
}

/// Formats a tree; nodes drive it through [`Dump::dump`].
pub struct Dumper {
    indent: Option<String>,
    include_attributes: bool,
    level: usize,
    frames: Vec<Frame>,
    /// The last formatted value and whether it was "simple".
    out: (String, bool),
    /// Nesting of `ast._format` calls (and the generator frames of lists), to tell when
    /// CPython's recursive `ast.dump` would raise RecursionError.
    depth: usize,
    max_depth: usize,
    /// Only measure `depth`: build no text (a tree thousands of levels deep would
    /// otherwise cost quadratic time and memory in indentation alone).
    measure_only: bool,
    /// Building a [`Tree`] instead of text.
    tree: Option<TreeState>,
}

/// `ast.dump(node, include_attributes=…, indent=…)`; `indent=None` is the one-line form.
pub fn dump(node: &dyn Dump, include_attributes: bool, indent: Option<usize>) -> String {
    dump_with_depth(node, include_attributes, indent).0
}

/// [`dump`], also returning the deepest nesting of Python frames `ast.dump` would use
/// (`_format` calls, plus one generator frame per list), counting the root as 1.
pub fn dump_with_depth(node: &dyn Dump, include_attributes: bool, indent: Option<usize>) -> (String, usize) {
    let mut d = Dumper {
        indent: indent.map(|n| " ".repeat(n)),
        include_attributes,
        level: 0,
        frames: Vec::new(),
        out: (String::new(), true),
        depth: 1,
        max_depth: 1,
        measure_only: false,
        tree: None,
    };
    node.dump(&mut d);
    (d.out.0, d.max_depth)
}

/// The nesting depth [`dump_with_depth`] reports, without formatting anything.
pub fn dump_depth(node: &dyn Dump) -> usize {
    let mut d = Dumper {
        indent: None,
        include_attributes: false,
        level: 0,
        frames: Vec::new(),
        out: (String::new(), true),
        depth: 1,
        max_depth: 1,
        measure_only: true,
        tree: None,
    };
    node.dump(&mut d);
    d.max_depth
}

impl Dumper {
    fn format(&mut self, value: &dyn Dump) -> (String, bool) {
        self.depth += 1;
        self.max_depth = self.max_depth.max(self.depth);
        value.dump(self);
        self.depth -= 1;
        std::mem::take(&mut self.out)
    }

    fn prefix_and_sep(&self) -> (String, String) {
        match &self.indent {
            Some(ind) => {
                let pad = ind.repeat(self.level);
                (format!("\n{pad}"), format!(",\n{pad}"))
            }
            None => (String::new(), ", ".to_string()),
        }
    }

    /// Start a node of the given class name.
    pub fn begin(&mut self, name: &'static str) {
        if let Some(t) = &mut self.tree {
            t.stack.push((name, Vec::new(), None));
            return;
        }
        if self.indent.is_some() {
            self.level += 1;
        }
        self.frames.push(Frame {
            args: Vec::new(),
            args_buffer: Vec::new(),
            allsimple: true,
            keywords: true,
            shows_empty: name == "Constant" || name == "MatchSingleton",
            name,
        });
    }

    /// One field of the current node, in `_fields` order.
    pub fn field(&mut self, name: &str, value: &dyn Dump) {
        if self.tree.is_some() {
            value.dump(self);
            let t = self.tree.as_mut().unwrap();
            let v = std::mem::replace(&mut t.out, Tree::None);
            if let Some(top) = t.stack.last_mut() {
                top.1.push((name.to_string(), v));
            }
            return;
        }
        if value.is_none() {
            self.frame().keywords = true;
            return;
        }
        let frame = self.frame();
        if value.is_empty_list() && !frame.shows_empty {
            frame.args_buffer.push("[]".to_string());
            return;
        }
        if !frame.keywords {
            let buffered = std::mem::take(&mut frame.args_buffer);
            frame.args.extend(buffered);
        }
        let (text, simple) = self.format(value);
        let frame = self.frame();
        frame.allsimple &= simple;
        if frame.keywords {
            frame.args.push(format!("{name}={text}"));
        } else {
            frame.args.push(text);
        }
    }

    /// The location attributes, when `include_attributes` is on.
    pub fn attributes(&mut self, range: &TextRange) {
        if let Some(t) = &mut self.tree {
            if let Some(top) = t.stack.last_mut() {
                top.2 = Some(*range);
            }
            return;
        }
        if !self.include_attributes {
            return;
        }
        let frame = self.frame();
        for (name, value) in [
            ("lineno", range.lineno),
            ("col_offset", range.col_offset),
            ("end_lineno", range.end_lineno),
            ("end_col_offset", range.end_col_offset),
        ] {
            frame.args.push(format!("{name}={value}"));
        }
    }

    /// Finish the current node.
    pub fn end(&mut self) {
        if let Some(t) = &mut self.tree {
            if let Some((name, fields, range)) = t.stack.pop() {
                t.out = Tree::Node { name, fields, range };
            }
            return;
        }
        let frame = self.frames.pop().expect("Dumper::end without begin");
        let (prefix, sep) = self.prefix_and_sep();
        if self.indent.is_some() {
            self.level -= 1;
        }
        if self.measure_only {
            self.out = (String::new(), false);
            return;
        }
        self.out = if frame.allsimple && frame.args.len() <= 3 {
            (format!("{}({})", frame.name, frame.args.join(", ")), frame.args.is_empty())
        } else {
            (format!("{}({}{})", frame.name, prefix, frame.args.join(&sep)), false)
        };
    }

    /// A node without fields, such as `Load()` or `Add()`.
    pub fn simple_node(&mut self, name: &'static str) {
        self.begin(name);
        self.end();
    }

    /// A leaf value already in its `repr` form.
    pub fn leaf(&mut self, repr: String) {
        self.out = (repr, true);
    }

    /// A leaf value: its typed form when building a tree, else its repr.
    fn value(&mut self, v: Tree, repr: impl FnOnce() -> String) {
        match &mut self.tree {
            Some(t) => t.out = v,
            None => self.leaf(repr()),
        }
    }

    fn frame(&mut self) -> &mut Frame {
        self.frames.last_mut().expect("field outside a node")
    }
}

impl<T: Dump + ?Sized> Dump for Box<T> {
    fn dump(&self, d: &mut Dumper) {
        (**self).dump(d)
    }
}

impl<T: Dump> Dump for Option<T> {
    fn dump(&self, d: &mut Dumper) {
        match self {
            Some(v) => v.dump(d),
            None => d.value(Tree::None, || "None".to_string()),
        }
    }
    fn is_none(&self) -> bool {
        self.is_none()
    }
}

impl<T: Dump> Dump for Vec<T> {
    fn dump(&self, d: &mut Dumper) {
        if d.tree.is_some() {
            let mut items = Vec::with_capacity(self.len());
            for x in self {
                x.dump(d);
                items.push(std::mem::replace(&mut d.tree.as_mut().unwrap().out, Tree::None));
            }
            d.tree.as_mut().unwrap().out = Tree::List(items);
            return;
        }
        if self.is_empty() {
            d.leaf("[]".to_string());
            return;
        }
        if d.indent.is_some() {
            d.level += 1;
        }
        let (prefix, sep) = d.prefix_and_sep();
        d.depth += 1; // the generator expression's frame
        let items: Vec<String> = self.iter().map(|x| d.format(x).0).collect();
        d.depth -= 1;
        if d.indent.is_some() {
            d.level -= 1;
        }
        d.out = (format!("[{}{}]", prefix, items.join(&sep)), false);
    }
    fn is_empty_list(&self) -> bool {
        self.is_empty()
    }
}

impl Dump for String {
    fn dump(&self, d: &mut Dumper) {
        d.value(Tree::Str(self.clone()), || repr::str_repr(self))
    }
}

impl Dump for u32 {
    fn dump(&self, d: &mut Dumper) {
        d.value(Tree::Int(*self as i64), || self.to_string())
    }
}

impl Dump for i32 {
    fn dump(&self, d: &mut Dumper) {
        d.value(Tree::Int(*self as i64), || self.to_string())
    }
}

impl Dump for Constant {
    fn dump(&self, d: &mut Dumper) {
        d.value(Tree::Constant(self.clone()), || self.repr())
    }
}

impl Constant {
    /// Python's `repr()` of the value.
    pub fn repr(&self) -> String {
        match self {
            Constant::None => "None".into(),
            Constant::Bool(true) => "True".into(),
            Constant::Bool(false) => "False".into(),
            Constant::Ellipsis => "Ellipsis".into(),
            Constant::Int(i) => i.to_string(),
            Constant::Float(f) => repr::float_repr(*f),
            Constant::Complex { real, imag } => repr::complex_repr(*real, *imag),
            Constant::Str(s) => repr::wtf8_repr(s),
            Constant::Bytes(b) => repr::bytes_repr(b),
        }
    }
}
