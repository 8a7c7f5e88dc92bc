//! Structural matching of a compiled [`Pattern`] against a file's [`Tree`], with Semgrep's
//! semantics: holes bind, ellipses skip list elements, equivalences (imports, keyword
//! argument order, string forms, parentheses) hold.
//!
//! Recursion follows the *pattern*'s shape (small), never the code's depth; every loop over
//! code nodes ticks the file's step counter, which checks the time budget.

use std::cell::{Cell, OnceCell};
use std::collections::HashMap;

use rampart_engine::Budget;

use crate::lang::{LangSpec, string_value};
use crate::pattern::{PClass, Part, Pattern, Root, interpolated, is_formatted, string_parts};
use crate::rule::Re;
use crate::tree::{NodeId, Tree};

/// A bound metavariable: a node, or a byte range for sequences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bound {
    pub start: u32,
    pub end: u32,
    pub node: Option<NodeId>,
}

pub type Bindings = Vec<(u16, Bound)>;

/// One match: a byte range and its bindings.
#[derive(Debug, Clone)]
pub struct Match {
    pub start: u32,
    pub end: u32,
    pub b: Bindings,
}

/// Everything about one file that matching needs, computed once.
pub struct FileCtx<'a> {
    pub tree: &'a Tree,
    pub spec: &'static LangSpec,
    pub imports: HashMap<String, String>,
    by_kind: HashMap<&'static str, Vec<NodeId>>,
    types: OnceCell<HashMap<String, String>>,
    /// Name → `(end of the assignment, assigned value)` in source order, for constant
    /// propagation.
    defs: OnceCell<HashMap<String, Vec<(u32, NodeId)>>>,
    budget: &'a Budget,
    steps: Cell<u64>,
    pub out_of_time: Cell<bool>,
}

impl<'a> FileCtx<'a> {
    pub fn new(tree: &'a Tree, budget: &'a Budget) -> FileCtx<'a> {
        let spec = tree.grammar.spec();
        let mut by_kind: HashMap<&'static str, Vec<NodeId>> = HashMap::new();
        for id in 0..tree.len() as NodeId {
            by_kind.entry(tree.node(id).kind).or_default().push(id);
        }
        FileCtx {
            tree,
            spec,
            imports: (spec.imports)(tree),
            by_kind,
            types: OnceCell::new(),
            defs: OnceCell::new(),
            budget,
            steps: Cell::new(0),
            out_of_time: Cell::new(false),
        }
    }

    /// Counts work; every 4096 steps checks the clock. `false` once the budget is gone.
    #[inline]
    pub fn tick(&self) -> bool {
        let s = self.steps.get() + 1;
        self.steps.set(s);
        if s & 4095 == 0 && self.budget.exceeded() {
            self.out_of_time.set(true);
        }
        !self.out_of_time.get()
    }

    pub fn nodes_of(&self, kind: &str) -> &[NodeId] {
        self.by_kind.get(kind).map_or(&[], Vec::as_slice)
    }

    /// `a.b.c` for identifiers and member accesses made only of names.
    pub fn dotted(&self, t: NodeId) -> Option<String> {
        let tree = self.tree;
        let node = tree.node(t);
        if self.spec.is(self.spec.identifier_kinds, node.kind) {
            return Some(tree.text(t).to_string());
        }
        if !self.spec.is(self.spec.dotted_kinds, node.kind) {
            return None;
        }
        let mut parts = Vec::new();
        for c in tree.named_children(t) {
            parts.push(self.dotted(c)?);
        }
        (!parts.is_empty()).then(|| parts.join("."))
    }

    /// `sp.call` → `subprocess.call` after `import subprocess as sp`.
    pub fn resolve(&self, dotted: &str) -> Option<String> {
        let (first, rest) = match dotted.split_once('.') {
            Some((f, r)) => (f, Some(r)),
            None => (dotted, None),
        };
        let q = self.imports.get(first)?;
        Some(match rest {
            Some(r) => format!("{q}.{r}"),
            None => q.clone(),
        })
    }

    /// `Statement` stands for `java.sql.Statement` after `import java.sql.*;`.
    pub fn wildcard_imported(&self, short: &str, qualified: &str) -> bool {
        match qualified.rsplit_once('.') {
            Some((prefix, last)) => {
                last == short && self.imports.contains_key(&format!("*{prefix}"))
            }
            None => false,
        }
    }

    /// Declared types of names in this file (parameters, locals, fields).
    fn types(&self) -> &HashMap<String, String> {
        self.types.get_or_init(|| {
            let t = self.tree;
            let mut map = HashMap::new();
            for id in 0..t.len() as NodeId {
                let Some(ty) = t.field(id, "type") else {
                    continue;
                };
                let ty = t.text(ty).to_string();
                for c in t.children(id).iter().copied() {
                    let n = t.node(c);
                    let name = match n.field {
                        "name" | "pattern" => Some(c),
                        "declarator" => t.field(c, "name"),
                        _ => None,
                    };
                    if let Some(name) = name {
                        map.entry(t.text(name).to_string())
                            .or_insert_with(|| ty.clone());
                    }
                }
            }
            map
        })
    }

    fn defs(&self) -> &HashMap<String, Vec<(u32, NodeId)>> {
        self.defs.get_or_init(|| {
            let t = self.tree;
            let spec = self.spec;
            let mut map: HashMap<String, Vec<(u32, NodeId)>> = HashMap::new();
            for (kind, left, right) in spec.assignments {
                if spec.is(spec.augmented_kinds, kind) {
                    continue;
                }
                for &id in self.nodes_of(kind) {
                    let (Some(mut l), Some(mut r)) = (t.field(id, left), t.field(id, right)) else {
                        continue;
                    };
                    // `x := v` in Go has one-element lists on both sides.
                    for side in [&mut l, &mut r] {
                        if spec.is(spec.list_kinds, t.node(*side).kind) {
                            let kids: Vec<NodeId> = t.named_children(*side).collect();
                            if kids.len() != 1 {
                                break;
                            }
                            *side = kids[0];
                        }
                    }
                    if spec.is(spec.identifier_kinds, t.node(l).kind) {
                        map.entry(t.text(l).to_string())
                            .or_default()
                            .push((t.node(id).end, r));
                    }
                }
            }
            for v in map.values_mut() {
                v.sort_unstable();
            }
            map
        })
    }

    /// The value a variable holds at `t` when the nearest assignment before it (in the same
    /// function) gave it a constant string: Semgrep's constant propagation.
    pub fn constant(&self, t: NodeId) -> Option<NodeId> {
        let before: Vec<NodeId> = self.defs_before(t)?.collect();
        let Some(&v) = before.last() else {
            return self.global_constant(t);
        };
        // Without flow analysis, only when every earlier assignment was a constant (two
        // branches assigning different things make it unknown).
        before
            .iter()
            .all(|v| self.is_constant_string(*v))
            .then_some(v)
    }

    /// A variable the function does not assign that is assigned once in the whole file, at
    /// the top level or in an enclosing function, to a constant string (a module or closure
    /// constant), unless a parameter of a function in between has its name.
    fn global_constant(&self, t: NodeId) -> Option<NodeId> {
        let tree = self.tree;
        let name = tree.text(t);
        let [(_, v)] = self.defs().get(name)?.as_slice() else {
            return None;
        };
        if !self.is_constant_string(*v) {
            return None;
        }
        let home = self.function_of(*v);
        let mut func = self.function_of(t);
        while func != home {
            if func == NodeId::MAX {
                // `v` is in a function that does not enclose `t`.
                return None;
            }
            for field in ["parameters", "parameter"] {
                if let Some(ps) = tree.field(func, field)
                    && tree.subtree(ps).any(|n| {
                        self.spec.is(self.spec.identifier_kinds, tree.node(n).kind)
                            && tree.text(n) == name
                    })
                {
                    return None;
                }
            }
            func = self.function_of(tree.node(func).parent);
        }
        Some(*v)
    }

    /// The value of the only assignment to variable `t` before it in its function.
    pub fn single_def(&self, t: NodeId) -> Option<NodeId> {
        let mut before = self.defs_before(t)?;
        let v = before.next()?;
        before.next().is_none().then_some(v)
    }

    /// The values assigned to identifier `t` before it in its own function, in source order;
    /// `None` when `t` is not an identifier or never assigned.
    fn defs_before(&self, t: NodeId) -> Option<impl Iterator<Item = NodeId> + '_> {
        let tree = self.tree;
        let node = tree.node(t);
        if !self.spec.is(self.spec.identifier_kinds, node.kind) {
            return None;
        }
        let func = self.function_of(t);
        let start = node.start;
        Some(
            self.defs()
                .get(tree.text(t))?
                .iter()
                .filter(move |(end, v)| *end <= start && self.function_of(*v) == func)
                .map(|&(_, v)| v),
        )
    }

    fn function_of(&self, mut n: NodeId) -> NodeId {
        let tree = self.tree;
        while n != NodeId::MAX && !self.spec.is(self.spec.function_kinds, tree.node(n).kind) {
            n = tree.node(n).parent;
        }
        n
    }

    /// A string literal, or literals joined with `+`.
    pub fn is_constant_string(&self, t: NodeId) -> bool {
        let tree = self.tree;
        let spec = self.spec;
        let mut stack = vec![t];
        while let Some(n) = stack.pop() {
            if !self.tick() {
                return false;
            }
            let node = tree.node(n);
            if spec.is(spec.string_kinds, node.kind) {
                if string_value(spec, tree, n).is_none() {
                    return false;
                }
                continue;
            }
            let kids = tree.children(n);
            if node.kind.contains("binary") && kids.len() == 3 && tree.node(kids[1]).kind == "+" {
                stack.push(kids[0]);
                stack.push(kids[2]);
                continue;
            }
            return false;
        }
        true
    }

    fn type_of(&self, t: NodeId) -> Option<String> {
        let tree = self.tree;
        let node = tree.node(t);
        if self.spec.is(self.spec.string_kinds, node.kind) {
            return Some("String".into());
        }
        if let Some(ty) = self.literal_type(t) {
            return Some(ty);
        }
        let name = if self.spec.is(self.spec.dotted_kinds, node.kind) {
            tree.named_children(t).last()?
        } else {
            t
        };
        if let Some(ty) = self.types().get(tree.text(name)) {
            return Some(ty.clone());
        }
        // A local without a declared type: the type of the value it was given, when that
        // value says it (`c := &http.Client{}`, `var c = http.Client{}`).
        self.single_def(t).and_then(|v| self.literal_type(v))
    }

    /// The type a node states itself: a `type` field (casts, Go composite literals), or the
    /// pointer to one (`&T{…}`).
    fn literal_type(&self, t: NodeId) -> Option<String> {
        let tree = self.tree;
        if let Some(ty) = tree.field(t, "type") {
            return Some(tree.text(ty).to_string());
        }
        let kids = tree.children(t);
        if kids.len() == 2 && tree.node(kids[0]).kind == "&" {
            let ty = tree.field(kids[1], "type")?;
            return Some(format!("*{}", tree.text(ty)));
        }
        None
    }
}

fn base_type(t: &str) -> &str {
    let t = t
        .split('<')
        .next()
        .unwrap_or(t)
        .trim_end_matches("[]")
        .trim();
    let t = t.trim_start_matches('*');
    t.rsplit('.').next().unwrap_or(t)
}

/// Same text, ignoring whitespace.
pub fn same_text(a: &str, b: &str) -> bool {
    a == b
        || a.split_ascii_whitespace()
            .flat_map(str::chars)
            .eq(b.split_ascii_whitespace().flat_map(str::chars))
}

#[derive(Debug, Clone, Copy)]
enum Unit {
    /// A character of literal text with its byte range.
    Char(char, u32, u32),
    Interp(NodeId),
}

pub struct Matcher<'m, 'a> {
    pub f: &'m FileCtx<'a>,
    pub p: &'m Pattern,
    pub b: Bindings,
    /// Variables replaced by their values on the current path (symbolic propagation).
    pub depth: u8,
    /// `metavariable-regex` conditions checked when a metavariable binds.
    pub cons: &'m [(u16, &'m Re)],
}

impl<'m, 'a> Matcher<'m, 'a> {
    fn bind(&mut self, v: u16, start: u32, end: u32, node: Option<NodeId>) -> bool {
        if let Some((_, old)) = self.b.iter().find(|(k, _)| *k == v) {
            let src = &self.f.tree.src;
            return same_text(
                &src[old.start as usize..old.end as usize],
                &src[start as usize..end as usize],
            );
        }
        if let Some((_, re)) = self.cons.iter().find(|(k, _)| *k == v)
            && !re.is_match(&self.f.tree.src[start as usize..end as usize])
        {
            return false;
        }
        self.b.push((v, Bound { start, end, node }));
        true
    }

    fn bind_node(&mut self, v: u16, t: NodeId) -> bool {
        let tree = self.f.tree;
        let kind = tree.node(t).kind;
        let mut t = t;
        if let Some((_, field)) = self.f.spec.parameter_kinds.iter().find(|k| k.0 == kind) {
            let name = if field.is_empty() {
                tree.named_children(t).next()
            } else {
                tree.field(t, field)
            };
            if let Some(name) = name {
                t = name;
            }
        }
        let n = self.f.tree.node(t);
        self.bind(v, n.start, n.end, Some(t))
    }

    pub fn node(&mut self, p: NodeId, t: NodeId) -> bool {
        if !self.f.tick() {
            return false;
        }
        let tree = self.f.tree;
        let spec = self.f.spec;
        match &self.p.class[p as usize] {
            PClass::Ellipsis => true,
            PClass::Mv(v) | PClass::EllipsisMv(v) => self.bind_node(*v, t),
            PClass::TypedMv(v, ty) => {
                let ok = self
                    .f
                    .type_of(t)
                    .is_some_and(|tt| base_type(&tt) == base_type(ty));
                ok && self.bind_node(*v, t)
            }
            PClass::Deep(inner) => {
                let inner = *inner;
                for u in tree.subtree(t) {
                    if !tree.node(u).named {
                        continue;
                    }
                    let save = self.b.len();
                    if self.node(inner, u) {
                        return true;
                    }
                    self.b.truncate(save);
                    if self.f.out_of_time.get() {
                        return false;
                    }
                }
                false
            }
            PClass::AnyString => {
                // A literal: strings with interpolations are not (Semgrep).
                self.f.is_constant_string(t) || self.f.constant(t).is_some()
            }
            PClass::StringRegex(_) | PClass::StringMv(_)
                if !spec.is(spec.string_kinds, tree.node(t).kind) =>
            {
                match self.f.constant(t) {
                    Some(v) if spec.is(spec.string_kinds, tree.node(v).kind) => self.node(p, v),
                    _ => false,
                }
            }
            PClass::StringRegex(re) => {
                spec.is(spec.string_kinds, tree.node(t).kind)
                    && re.0.is_match(crate::lang::strip_quotes(tree.text(t)))
            }
            PClass::StringMv(v) => {
                if !spec.is(spec.string_kinds, tree.node(t).kind) {
                    return false;
                }
                // `"$X"` binds the string's content, without quotes.
                let n = tree.node(t);
                let text = tree.text(t);
                let inner = crate::lang::strip_quotes(text);
                let off = inner.as_ptr() as usize - text.as_ptr() as usize;
                let start = n.start + off as u32;
                self.bind(*v, start, start + inner.len() as u32, Some(t))
            }
            PClass::Dotted(d) => match self.f.dotted(t) {
                Some(td) => {
                    td == *d
                        || self.f.resolve(&td).is_some_and(|r| r == *d)
                        || self.f.wildcard_imported(&td, d)
                }
                None => false,
            },
            PClass::Chain(obj) => self.chain(*obj, t),
            PClass::Template(parts) => {
                let save = self.b.len();
                if self.template(parts, t) {
                    return true;
                }
                self.b.truncate(save);
                self.symbolic(p, t)
            }
            PClass::Normal => {
                let save = self.b.len();
                if self.normal(p, t) {
                    return true;
                }
                self.b.truncate(save);
                self.symbolic(p, t)
            }
        }
    }

    /// With `symbolic_propagation`, a variable assigned exactly once before `t` in its
    /// function stands for the assigned expression (a few levels deep at most).
    fn symbolic(&mut self, p: NodeId, t: NodeId) -> bool {
        if !self.p.symbolic || self.depth >= 4 {
            return false;
        }
        let Some(v) = self.f.single_def(t) else {
            return false;
        };
        let save = self.b.len();
        self.depth += 1;
        let ok = self.node(p, v);
        self.depth -= 1;
        if !ok {
            self.b.truncate(save);
        }
        ok
    }

    /// `A. ...` against `t`: `A` matches `t` or an object further down `t`'s chain of member
    /// accesses and calls (`a.b().c` → `a.b()`, `a.b`, `a`). The chain's root is tried
    /// first: one solution is kept, and rules mean the variable (`$REQ` in
    /// `$REQ. ... .$VALUE` is `req`, not `req.body`).
    fn chain(&mut self, obj: NodeId, t: NodeId) -> bool {
        let tree = self.f.tree;
        let spec = self.f.spec;
        let mut links = vec![t];
        let mut cur = t;
        loop {
            if !self.f.tick() {
                return false;
            }
            let kind = tree.node(cur).kind;
            let next = if spec.is(spec.dotted_kinds, kind) || spec.is(spec.subscript_kinds, kind) {
                tree.named_children(cur).next()
            } else if let Some(call) = spec.calls.iter().find(|k| k.0 == kind) {
                tree.field(cur, "object").or_else(|| {
                    tree.field(cur, call.1)
                        .filter(|f| !spec.is(spec.identifier_kinds, tree.node(*f).kind))
                })
            } else {
                None
            };
            match next {
                Some(n) => {
                    links.push(n);
                    cur = n;
                }
                None => break,
            }
        }
        for c in links.into_iter().rev() {
            let save = self.b.len();
            if self.node(obj, c) {
                return true;
            }
            self.b.truncate(save);
            if self.f.out_of_time.get() {
                return false;
            }
        }
        false
    }

    /// An interpolated string pattern against a string: parts in order, text by characters.
    fn template(&mut self, parts: &[Part], t: NodeId) -> bool {
        let tree = self.f.tree;
        let spec = self.f.spec;
        if !spec.is(spec.string_kinds, tree.node(t).kind) || !is_formatted(tree, t) {
            return false;
        }
        let Some((start, end, interps)) = string_parts(tree, spec, t) else {
            return false;
        };
        // Units: one per character of literal text (its byte offset), one per interpolation.
        let mut units: Vec<Unit> = Vec::new();
        let mut at = start;
        for i in interps.iter().copied().map(Some).chain([None]) {
            let upto = i.map_or(end, |i| tree.node(i).start).max(at);
            for (o, ch) in tree.src[at as usize..upto as usize].char_indices() {
                units.push(Unit::Char(
                    ch,
                    at + o as u32,
                    (at as usize + o + ch.len_utf8()) as u32,
                ));
            }
            if let Some(i) = i {
                match interpolated(tree, i) {
                    Some(e) => units.push(Unit::Interp(e)),
                    None => return false,
                }
                at = tree.node(i).end;
            }
        }
        self.parts(parts, &units)
    }

    fn parts(&mut self, ps: &[Part], us: &[Unit]) -> bool {
        if !self.f.tick() {
            return false;
        }
        let Some((p, rest)) = ps.split_first() else {
            return us.is_empty();
        };
        match p {
            Part::Text(s) => {
                let mut k = 0;
                for ch in s.chars() {
                    match us.get(k) {
                        Some(Unit::Char(c, _, _)) if *c == ch => k += 1,
                        _ => return false,
                    }
                }
                self.parts(rest, &us[k..])
            }
            Part::Ellipsis => (0..=us.len()).any(|k| {
                let save = self.b.len();
                let ok = self.parts(rest, &us[k..]);
                if !ok {
                    self.b.truncate(save);
                }
                ok
            }),
            Part::Mv(v) => {
                // A whole fragment: the run of text up to the next interpolation.
                let run = us
                    .iter()
                    .take_while(|u| matches!(u, Unit::Char(..)))
                    .count();
                if run == 0 {
                    return false;
                }
                let (Unit::Char(_, s, _), Unit::Char(_, _, e)) = (us[0], us[run - 1]) else {
                    return false;
                };
                let save = self.b.len();
                if self.bind(*v, s, e, None) && self.parts(rest, &us[run..]) {
                    return true;
                }
                self.b.truncate(save);
                false
            }
            Part::Interp(pn) => match us.first() {
                Some(Unit::Interp(e)) => {
                    let save = self.b.len();
                    if self.node(*pn, *e) && self.parts(rest, &us[1..]) {
                        return true;
                    }
                    self.b.truncate(save);
                    false
                }
                _ => false,
            },
        }
    }

    fn normal(&mut self, p: NodeId, t: NodeId) -> bool {
        let pt = &self.p.tree;
        let tree = self.f.tree;
        let spec = self.f.spec;
        let (pn, tn) = (pt.node(p), tree.node(t));
        if spec.is(spec.string_kinds, pn.kind)
            && spec.is(spec.string_kinds, tn.kind)
            && let (Some(a), Some(b)) = (string_value(spec, pt, p), string_value(spec, tree, t))
        {
            return a == b;
        }
        if pn.kind != tn.kind {
            if let Some(ok) = self.vardef(p, t) {
                return ok;
            }
            if let Some(ok) = self.imported_member(p, t) {
                return ok;
            }
            // `var`, `let` and `const` declarations are one construct (Semgrep's VarDef).
            if spec.is(spec.declaration_statements, pn.kind)
                && spec.is(spec.declaration_statements, tn.kind)
            {
                let ps: Vec<NodeId> = pt.named_children(p).collect();
                let ts: Vec<NodeId> = tree.named_children(t).collect();
                return self.list(&ps, &ts, false, false);
            }
            return self.function_forms(p, t);
        }
        let pc = pt.children(p);
        let tc = tree.children(t);
        if let Some(ok) = self.binary_chain(p, t, pc, tc) {
            return ok;
        }
        if pn.kind == "import_declaration" {
            // Go: `import "x"` in a pattern matches `x` inside an `import ( … )` group.
            let spec_p: Vec<NodeId> = pt.named_children(p).collect();
            let list = tree
                .named_children(t)
                .find(|c| tree.node(*c).kind == "import_spec_list");
            if let (1, Some(list)) = (spec_p.len(), list) {
                let specs: Vec<NodeId> = tree.named_children(list).collect();
                for sp in specs {
                    let save = self.b.len();
                    if self.node(spec_p[0], sp) {
                        return true;
                    }
                    self.b.truncate(save);
                }
                return false;
            }
        }
        if pc.is_empty() {
            return tc.is_empty() && pt.text(p) == tree.text(t);
        }
        if spec.is(spec.record_kinds, pn.kind) {
            let ps: Vec<NodeId> = pt
                .named_children(p)
                .filter(|c| self.is_ellipsis(*c).is_none())
                .collect();
            let ts: Vec<NodeId> = tree.named_children(t).collect();
            return self.subset(&ps, &ts, &mut vec![false; ts.len()]);
        }
        if spec.keyword_argument_kind.is_some() && spec.is(spec.argument_list_kinds, pn.kind) {
            return self.arguments(pc, tc);
        }
        let block = spec.is(spec.block_kinds, pn.kind);
        self.list(pc, tc, block, false)
    }

    /// `a + ...` matches `a + b + c` (parsed `(a + b) + c`): with an ellipsis as right
    /// operand, the left operand may match anywhere down the code's left spine of the same
    /// operator.
    fn binary_chain(&mut self, p: NodeId, t: NodeId, pc: &[NodeId], tc: &[NodeId]) -> Option<bool> {
        let pt = &self.p.tree;
        let tree = self.f.tree;
        if !pt.node(p).kind.contains("binary") || pc.len() != 3 || tc.len() != 3 {
            return None;
        }
        if self.is_ellipsis(pc[2]).is_none() || pt.node(pc[1]).kind != tree.node(tc[1]).kind {
            return None;
        }
        let op = tree.node(tc[1]).kind;
        let mut cur = t;
        loop {
            let kids = tree.children(cur);
            if kids.len() != 3 || tree.node(kids[1]).kind != op {
                return Some(false);
            }
            let save = self.b.len();
            if self.node(pc[0], kids[0]) {
                return Some(true);
            }
            self.b.truncate(save);
            if tree.node(kids[0]).kind != tree.node(cur).kind || !self.f.tick() {
                return Some(false);
            }
            cur = kids[0];
        }
    }

    /// A pattern statement that is a bare expression (`os.system(...)`) also matches a
    /// statement that contains it (`return os.system(x)`, `y = os.system(x)`), as in Semgrep.
    fn statement_expression(&self, p: NodeId) -> Option<NodeId> {
        let pt = &self.p.tree;
        let spec = self.f.spec;
        if self.p.class[p as usize] != PClass::Normal
            || !spec.is(spec.expression_statement_kinds, pt.node(p).kind)
        {
            return None;
        }
        let named: Vec<NodeId> = pt.named_children(p).collect();
        if named.len() != 1
            || spec
                .assignments
                .iter()
                .any(|a| a.0 == pt.node(named[0]).kind)
        {
            return None;
        }
        Some(named[0])
    }

    fn expression_in_statement(&mut self, p: NodeId, t: NodeId) -> bool {
        let Some(e) = self.statement_expression(p) else {
            return false;
        };
        let spec = self.f.spec;
        let tree = self.f.tree;
        let mut u = t + 1;
        let end = tree.node(t).subtree_end;
        while u < end {
            let node = tree.node(u);
            if spec.is(spec.block_kinds, node.kind) || spec.is(spec.function_kinds, node.kind) {
                u = node.subtree_end;
                continue;
            }
            let save = self.b.len();
            if node.named && self.node(e, u) {
                return true;
            }
            self.b.truncate(save);
            if self.f.out_of_time.get() {
                return false;
            }
            u += 1;
        }
        false
    }

    /// `module.$F` in a pattern against a bare name imported from that module (`CORS` after
    /// `from flask_cors import CORS`): the module part is compared with the import, the
    /// member part with the name.
    fn imported_member(&mut self, p: NodeId, t: NodeId) -> Option<bool> {
        let spec = self.f.spec;
        let pt = &self.p.tree;
        let tree = self.f.tree;
        if !spec.is(spec.dotted_kinds, pt.node(p).kind)
            || !spec.is(spec.identifier_kinds, tree.node(t).kind)
        {
            return None;
        }
        let qualified = self.f.resolve(tree.text(t))?;
        let (module, _) = qualified.rsplit_once('.')?;
        let parts: Vec<NodeId> = pt.named_children(p).collect();
        let [object, member] = parts[..] else {
            return None;
        };
        let object_text = match &self.p.class[object as usize] {
            PClass::Dotted(d) => d.as_str(),
            PClass::Normal if spec.is(spec.identifier_kinds, pt.node(object).kind) => {
                pt.text(object)
            }
            _ => return None,
        };
        Some(object_text == module && self.node(member, t))
    }

    /// `$X = e` in a pattern also matches a declaration with a value (`const x = e`,
    /// `int x = e;`, `x := e`), as Semgrep's `vardef_assign` does.
    fn vardef(&mut self, p: NodeId, t: NodeId) -> Option<bool> {
        let spec = self.f.spec;
        let (akind, left, right) = spec.plain_assignment?;
        let pt = &self.p.tree;
        let tree = self.f.tree;
        let mut pa = p;
        if spec.is(spec.expression_statement_kinds, pt.node(p).kind) {
            pa = pt.named_children(p).next()?;
        }
        if pt.node(pa).kind != akind || !pt.children(pa).iter().any(|c| pt.node(*c).kind == "=") {
            return None;
        }
        let mut td = t;
        if spec.is(spec.declaration_statements, tree.node(t).kind) {
            let decls: Vec<NodeId> = tree
                .named_children(t)
                .filter(|c| spec.declarators.iter().any(|d| d.0 == tree.node(*c).kind))
                .collect();
            if decls.len() != 1 {
                return Some(false);
            }
            td = decls[0];
        }
        let (_, name, value) = spec
            .declarators
            .iter()
            .find(|d| d.0 == tree.node(td).kind)?;
        let (Some(pl), Some(pr)) = (pt.field(pa, left), pt.field(pa, right)) else {
            return Some(false);
        };
        let (Some(tl), Some(tr)) = (tree.field(td, name), tree.field(td, value)) else {
            return Some(false);
        };
        Some(self.single(pl, tl) && self.single(pr, tr))
    }

    /// Matches `p` against `t`, where a one-element list on either side stands for its
    /// element (Go's `x := e` has lists, `var x = e` has not).
    fn single(&mut self, p: NodeId, t: NodeId) -> bool {
        let spec = self.f.spec;
        let pt = &self.p.tree;
        let tree = self.f.tree;
        let (pk, tk) = (pt.node(p).kind, tree.node(t).kind);
        if pk != tk && spec.is(spec.list_kinds, pk) {
            let kids: Vec<NodeId> = pt.named_children(p).collect();
            if kids.len() == 1 {
                return self.node(kids[0], t);
            }
        }
        if pk != tk && spec.is(spec.list_kinds, tk) {
            let kids: Vec<NodeId> = tree.named_children(t).collect();
            if kids.len() == 1 {
                return self.node(p, kids[0]);
            }
        }
        self.node(p, t)
    }

    /// `function (a) {…}` in a pattern also matches `(a) => {…}` and `a => …` (Semgrep's
    /// `arrow_is_function`): parameters and body are compared, the rest is syntax.
    fn function_forms(&mut self, p: NodeId, t: NodeId) -> bool {
        let pt = &self.p.tree;
        let tree = self.f.tree;
        let forms = self.f.spec.function_forms;
        if !forms.contains(&pt.node(p).kind) || !forms.contains(&tree.node(t).kind) {
            return false;
        }
        // `function ...(…)` matches any function, named or not; `function $F(…)` a named one;
        // a pattern without a name an anonymous one.
        match (pt.field(p, "name"), tree.field(t, "name")) {
            (Some(pn), _) if self.is_ellipsis(pn).is_some() => {}
            (Some(pn), Some(tn)) => {
                if !self.node(pn, tn) {
                    return false;
                }
            }
            (Some(_), None) => return false,
            (None, _) => {
                if tree.node(t).kind == "method_definition" {
                    return false;
                }
            }
        }
        let pp = pt
            .field(p, "parameters")
            .or_else(|| pt.field(p, "parameter"));
        let tp = tree
            .field(t, "parameters")
            .or_else(|| tree.field(t, "parameter"));
        let params_ok = match (pp, tp) {
            (Some(a), Some(b)) => {
                let (an, bn) = (pt.node(a).kind, tree.node(b).kind);
                if an == bn {
                    self.node(a, b)
                } else if an == "formal_parameters" {
                    // `(x)` against the bare `x` of `x => …`.
                    let kids: Vec<NodeId> = pt.named_children(a).collect();
                    self.list(&kids, &[b], false, false)
                } else {
                    self.node(a, b)
                }
            }
            (None, None) => true,
            _ => false,
        };
        if !params_ok {
            return false;
        }
        match (pt.field(p, "body"), tree.field(t, "body")) {
            (Some(a), Some(b)) => {
                if pt.node(a).kind == tree.node(b).kind {
                    self.node(a, b)
                } else {
                    // `{ ... }` against an expression body.
                    let kids = pt.children(a);
                    kids.iter()
                        .filter(|k| pt.node(**k).named)
                        .all(|k| self.is_ellipsis(*k).is_some())
                }
            }
            _ => false,
        }
    }

    fn is_ellipsis(&self, p: NodeId) -> Option<Option<u16>> {
        match self.p.class[p as usize] {
            PClass::Ellipsis => Some(None),
            PClass::EllipsisMv(v) => Some(Some(v)),
            _ => None,
        }
    }

    /// Matches pattern children `ps` against all of code children `ts`.
    fn list(&mut self, ps: &[NodeId], ts: &[NodeId], block: bool, after_ellipsis: bool) -> bool {
        if !self.f.tick() {
            return false;
        }
        let tree = self.f.tree;
        let spec = self.f.spec;
        let Some((&p, rest)) = ps.split_first() else {
            return ts
                .iter()
                .all(|t| spec.is(spec.optional_kinds, tree.node(*t).kind));
        };
        if let Some(mv) = self.is_ellipsis(p) {
            for k in 0..=ts.len() {
                let save = self.b.len();
                let ok = match mv {
                    Some(v) if k > 0 => {
                        let (s, e) = (tree.node(ts[0]).start, tree.node(ts[k - 1]).end);
                        self.bind(v, s, e, (k == 1).then_some(ts[0]))
                    }
                    Some(v) => {
                        let at = ts.first().map_or(0, |t| tree.node(*t).start);
                        self.bind(v, at, at, None)
                    }
                    None => true,
                };
                if ok && self.list(rest, &ts[k..], block, true) {
                    return true;
                }
                self.b.truncate(save);
                if self.f.out_of_time.get() {
                    return false;
                }
            }
            return false;
        }
        let Some((&t, trest)) = ts.split_first() else {
            return false;
        };
        let save = self.b.len();
        if self.node(p, t) && self.list(rest, trest, block, false) {
            return true;
        }
        self.b.truncate(save);
        if block && self.expression_in_statement(p, t) && self.list(rest, trest, block, false) {
            return true;
        }
        self.b.truncate(save);
        // After `...` in a block, a statement may also match inside a later statement
        // (Semgrep's deep statement matching), when it is the pattern's last one.
        if block && after_ellipsis && rest.iter().all(|r| self.is_ellipsis(*r).is_some()) {
            // A bare expression statement looks for its expression; others for their kind.
            let want = self.statement_expression(p).unwrap_or(p);
            let kinds = equivalent_kinds(self.f.spec, self.p.tree.node(want).kind);
            for u in tree.subtree(t).skip(1) {
                if self.p.class[want as usize] == PClass::Normal
                    && !kinds.contains(&tree.node(u).kind)
                {
                    continue;
                }
                if self.node(want, u) {
                    return true;
                }
                self.b.truncate(save);
                if self.f.out_of_time.get() {
                    return false;
                }
            }
        }
        if spec.is(spec.optional_kinds, tree.node(t).kind) {
            return self.list(ps, trest, block, after_ellipsis);
        }
        false
    }

    /// Every pattern entry matches a distinct code entry, in any order (object literals).
    fn subset(&mut self, ps: &[NodeId], ts: &[NodeId], used: &mut Vec<bool>) -> bool {
        let Some((&p, rest)) = ps.split_first() else {
            return true;
        };
        for i in 0..ts.len() {
            if used[i] || !self.f.tick() {
                continue;
            }
            let save = self.b.len();
            if self.node(p, ts[i]) {
                used[i] = true;
                if self.subset(rest, ts, used) {
                    return true;
                }
                used[i] = false;
            }
            self.b.truncate(save);
        }
        false
    }

    /// Argument lists with keyword arguments: positional ones in order, keyword ones in any
    /// order; extra keyword arguments in the code only when the pattern has a `...`.
    fn arguments(&mut self, ps: &[NodeId], ts: &[NodeId]) -> bool {
        let kw = self.f.spec.keyword_argument_kind.unwrap_or("");
        let pt = &self.p.tree;
        let tree = self.f.tree;
        let (pk, pp): (Vec<NodeId>, Vec<NodeId>) = ps.iter().partition(|p| pt.node(**p).kind == kw);
        let (tk, tp): (Vec<NodeId>, Vec<NodeId>) =
            ts.iter().partition(|t| tree.node(**t).kind == kw);
        let has_ellipsis = pp.iter().any(|p| self.is_ellipsis(*p).is_some());
        if pk.is_empty() && tk.is_empty() {
            return self.list(ps, ts, false, false);
        }
        if !has_ellipsis && pk.len() != tk.len() {
            return false;
        }
        if !self.list(&pp, &tp, false, false) {
            return false;
        }
        let mut used = vec![false; tk.len()];
        'outer: for p in pk {
            for (i, t) in tk.iter().enumerate() {
                if used[i] {
                    continue;
                }
                let save = self.b.len();
                if self.node(p, *t) {
                    used[i] = true;
                    continue 'outer;
                }
                self.b.truncate(save);
            }
            return false;
        }
        true
    }

    /// A statement sequence starting at `ts[0]`; returns the index of the last statement
    /// matched.
    fn seq(&mut self, ps: &[NodeId], ts: &[NodeId], at: usize) -> Option<usize> {
        self.seq_from(ps, ts, at, false)
    }

    fn seq_from(
        &mut self,
        ps: &[NodeId],
        ts: &[NodeId],
        at: usize,
        after_ellipsis: bool,
    ) -> Option<usize> {
        if !self.f.tick() {
            return None;
        }
        let Some((&p, rest)) = ps.split_first() else {
            return Some(at.saturating_sub(1));
        };
        if self.is_ellipsis(p).is_some() {
            if rest.is_empty() {
                return Some(if ts.len() > at {
                    ts.len() - 1
                } else {
                    at.saturating_sub(1)
                });
            }
            for k in at..ts.len() {
                let save = self.b.len();
                if let Some(end) = self.seq_from(rest, ts, k, true) {
                    return Some(end);
                }
                self.b.truncate(save);
                if self.f.out_of_time.get() {
                    return None;
                }
            }
            return None;
        }
        let t = *ts.get(at)?;
        let save = self.b.len();
        if self.node(p, t)
            && let Some(end) = self.seq(rest, ts, at + 1)
        {
            return Some(end);
        }
        self.b.truncate(save);
        if self.expression_in_statement(p, t)
            && let Some(end) = self.seq(rest, ts, at + 1)
        {
            return Some(end);
        }
        self.b.truncate(save);
        // After `...`, the last statement may be nested inside a later statement.
        if after_ellipsis && rest.iter().all(|r| self.is_ellipsis(*r).is_some()) {
            let tree = self.f.tree;
            let want = self.statement_expression(p).unwrap_or(p);
            let kinds = equivalent_kinds(self.f.spec, self.p.tree.node(want).kind);
            for u in tree.subtree(t).skip(1) {
                if self.p.class[want as usize] == PClass::Normal
                    && !kinds.contains(&tree.node(u).kind)
                {
                    continue;
                }
                if self.node(want, u) {
                    return Some(if rest.is_empty() { at } else { ts.len() - 1 });
                }
                self.b.truncate(save);
                if self.f.out_of_time.get() {
                    return None;
                }
            }
        }
        None
    }
}

/// Code kinds a pattern node of kind `k` may match: itself, and the kinds Semgrep treats as
/// the same construct (function forms; declarations for a plain assignment).
pub fn equivalent_kinds(spec: &LangSpec, k: &'static str) -> Vec<&'static str> {
    let mut v = vec![k];
    if spec.function_forms.contains(&k) {
        v.extend(spec.function_forms.iter().filter(|f| **f != k));
    }
    if spec.plain_assignment.is_some_and(|a| a.0 == k) {
        v.extend(spec.declarators.iter().map(|d| d.0));
    }
    if spec.declaration_statements.contains(&k) {
        v.extend(spec.declaration_statements.iter().filter(|d| **d != k));
    }
    v
}

/// The solutions at `t` besides `first` that bind a floating metavariable (`f(..., $X, ...)`)
/// to another element of the same list: the matcher stops at the first solution, Semgrep
/// reports each.
fn other_solutions(
    m: &mut Matcher,
    p: NodeId,
    t: NodeId,
    first: &Bindings,
    seed: &Bindings,
) -> Vec<Bindings> {
    let tree = m.f.tree;
    let mut out: Vec<Bindings> = Vec::new();
    for &v in &m.p.floating {
        if seed.iter().any(|(k, _)| *k == v) {
            continue;
        }
        let Some(n) = first.iter().find(|(k, _)| *k == v).and_then(|x| x.1.node) else {
            continue;
        };
        let parent = tree.node(n).parent;
        if parent == NodeId::MAX {
            continue;
        }
        for s in tree.named_children(parent) {
            let sn = tree.node(s);
            let text = &tree.src[sn.start as usize..sn.end as usize];
            if s == n
                || m.cons.iter().any(|(k, re)| *k == v && !re.is_match(text))
                || out
                    .iter()
                    .chain(std::iter::once(first))
                    .any(|b| b.iter().any(|(k, x)| *k == v && x.node == Some(s)))
            {
                continue;
            }
            m.b.clear();
            m.b.extend_from_slice(seed);
            m.b.push((
                v,
                Bound {
                    start: sn.start,
                    end: sn.end,
                    node: Some(s),
                },
            ));
            if m.node(p, t) {
                out.push(std::mem::take(&mut m.b));
            }
            if m.f.out_of_time.get() {
                break;
            }
        }
    }
    out
}

/// Every match of `pat` in the file, optionally only inside `within`.
pub fn find_all(f: &FileCtx, pat: &Pattern, within: Option<(u32, u32)>) -> Vec<Match> {
    find_all_seeded(f, pat, within, &Vec::new(), &[])
}

/// Like [`find_all`], with the metavariables of `seed` already bound.
pub fn find_all_seeded(
    f: &FileCtx,
    pat: &Pattern,
    within: Option<(u32, u32)>,
    seed: &Bindings,
    cons: &[(u16, &Re)],
) -> Vec<Match> {
    let tree = f.tree;
    let spec = f.spec;
    let inside = |id: NodeId| {
        within.is_none_or(|(s, e)| {
            let n = tree.node(id);
            n.start >= s && n.end <= e
        })
    };
    let mut out = Vec::new();
    let mut m = Matcher {
        f,
        p: pat,
        b: Vec::new(),
        depth: 0,
        cons,
    };
    match &pat.root {
        Root::Node(p) => {
            let p = *p;
            let candidates: Vec<NodeId> = match &pat.class[p as usize] {
                PClass::Normal => {
                    let k = pat.tree.node(p).kind;
                    if spec.is(spec.string_kinds, k) {
                        spec.string_kinds
                            .iter()
                            .flat_map(|k| f.nodes_of(k).iter().copied())
                            .collect()
                    } else {
                        let mut v: Vec<NodeId> = equivalent_kinds(spec, k)
                            .iter()
                            .flat_map(|k| f.nodes_of(k).iter().copied())
                            .collect();
                        // With symbolic propagation, a variable that is the whole region
                        // asked about (a `metavariable-pattern` on `$X` bound to `x`) is
                        // matched through the value it was assigned.
                        if let (true, Some((s, e))) = (pat.symbolic, within)
                            && !spec.is(spec.identifier_kinds, k)
                        {
                            v.extend(
                                spec.identifier_kinds
                                    .iter()
                                    .flat_map(|k| f.nodes_of(k).iter().copied())
                                    .filter(|t| {
                                        let n = tree.node(*t);
                                        n.start == s && n.end == e
                                    }),
                            );
                        }
                        v.sort_unstable();
                        v
                    }
                }
                PClass::AnyString | PClass::StringMv(_) | PClass::StringRegex(_) => {
                    let mut v: Vec<NodeId> = spec
                        .string_kinds
                        .iter()
                        .flat_map(|k| f.nodes_of(k).iter().copied())
                        .collect();
                    // A variable that is the whole region asked about (`metavariable-pattern`
                    // on `$X` bound to `x`) is a string when it holds a constant one.
                    if let Some((s, e)) = within {
                        v.extend(
                            spec.identifier_kinds
                                .iter()
                                .flat_map(|k| f.nodes_of(k).iter().copied())
                                .filter(|t| {
                                    let n = tree.node(*t);
                                    n.start == s && n.end == e
                                }),
                        );
                    }
                    v
                }
                PClass::Dotted(_) => spec
                    .identifier_kinds
                    .iter()
                    .chain(spec.dotted_kinds)
                    .flat_map(|k| f.nodes_of(k).iter().copied())
                    .collect(),
                PClass::Ellipsis => {
                    // `...` alone matches anything: the whole region asked about.
                    let (s, e) = within.unwrap_or((0, tree.src.len() as u32));
                    return vec![Match {
                        start: s,
                        end: e,
                        b: seed.clone(),
                    }];
                }
                _ => (0..tree.len() as NodeId)
                    .filter(|n| {
                        let node = tree.node(*n);
                        // String literals are atomic, as in Semgrep: their text
                        // fragments are not expressions (interpolated ones still are).
                        node.named
                            && !spec.is(spec.block_kinds, node.kind)
                            && !spec.is(spec.expression_statement_kinds, node.kind)
                            && (node.parent == NodeId::MAX
                                || !spec.is(spec.string_kinds, tree.node(node.parent).kind))
                    })
                    .collect(),
            };
            for t in candidates {
                if !inside(t) {
                    continue;
                }
                m.b.clear();
                m.b.extend_from_slice(seed);
                if m.node(p, t) {
                    let n = tree.node(t);
                    let first = std::mem::take(&mut m.b);
                    let more = other_solutions(&mut m, p, t, &first, seed);
                    out.push(Match {
                        start: n.start,
                        end: n.end,
                        b: first,
                    });
                    out.extend(more.into_iter().map(|b| Match {
                        start: n.start,
                        end: n.end,
                        b,
                    }));
                }
                if f.out_of_time.get() {
                    break;
                }
            }
        }
        Root::Seq(ps) => {
            for k in spec.block_kinds {
                for &blk in f.nodes_of(k) {
                    let ts = tree.children(blk);
                    for i in 0..ts.len() {
                        if !inside(ts[i]) {
                            continue;
                        }
                        m.b.clear();
                        m.b.extend_from_slice(seed);
                        if let Some(end) = m.seq(ps, &ts[i..], 0) {
                            let last = ts[i + end];
                            out.push(Match {
                                start: tree.node(ts[i]).start,
                                end: tree.node(last).end,
                                b: std::mem::take(&mut m.b),
                            });
                        }
                        if f.out_of_time.get() {
                            return out;
                        }
                    }
                }
            }
        }
    }
    out
}
