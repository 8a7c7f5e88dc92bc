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
use crate::pattern::{PClass, Pattern, Root};
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

    fn type_of(&self, t: NodeId) -> Option<String> {
        let tree = self.tree;
        let node = tree.node(t);
        if self.spec.is(self.spec.string_kinds, node.kind) {
            return Some("String".into());
        }
        if let Some(ty) = tree.field(t, "type") {
            return Some(tree.text(ty).to_string());
        }
        let name = if self.spec.is(self.spec.dotted_kinds, node.kind) {
            tree.named_children(t).last()?
        } else {
            t
        };
        self.types().get(tree.text(name)).cloned()
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

pub struct Matcher<'m, 'a> {
    pub f: &'m FileCtx<'a>,
    pub p: &'m Pattern,
    pub b: Bindings,
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
        self.b.push((v, Bound { start, end, node }));
        true
    }

    fn bind_node(&mut self, v: u16, t: NodeId) -> bool {
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
            PClass::AnyString => spec.is(spec.string_kinds, tree.node(t).kind),
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
            PClass::Normal => self.normal(p, t),
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

    /// `function (a) {…}` in a pattern also matches `(a) => {…}` and `a => …` (Semgrep's
    /// `arrow_is_function`): parameters and body are compared, the rest is syntax.
    fn function_forms(&mut self, p: NodeId, t: NodeId) -> bool {
        let pt = &self.p.tree;
        let tree = self.f.tree;
        const FORMS: &[&str] = &["function_expression", "function", "arrow_function"];
        if !FORMS.contains(&pt.node(p).kind) || !FORMS.contains(&tree.node(t).kind) {
            return false;
        }
        if pt.field(p, "name").is_some() {
            return false;
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
            for u in tree.subtree(t).skip(1) {
                if tree.node(u).kind != self.p.tree.node(want).kind
                    && self.p.class[want as usize] == PClass::Normal
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
            for u in tree.subtree(t).skip(1) {
                if tree.node(u).kind != self.p.tree.node(want).kind
                    && self.p.class[want as usize] == PClass::Normal
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

/// Every match of `pat` in the file, optionally only inside `within`.
pub fn find_all(f: &FileCtx, pat: &Pattern, within: Option<(u32, u32)>) -> Vec<Match> {
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
                        f.nodes_of(k).to_vec()
                    }
                }
                PClass::AnyString | PClass::StringMv(_) | PClass::StringRegex(_) => spec
                    .string_kinds
                    .iter()
                    .flat_map(|k| f.nodes_of(k).iter().copied())
                    .collect(),
                PClass::Dotted(_) => spec
                    .identifier_kinds
                    .iter()
                    .chain(spec.dotted_kinds)
                    .flat_map(|k| f.nodes_of(k).iter().copied())
                    .collect(),
                PClass::Ellipsis => vec![0],
                _ => (0..tree.len() as NodeId)
                    .filter(|n| {
                        let node = tree.node(*n);
                        node.named
                            && !spec.is(spec.block_kinds, node.kind)
                            && !spec.is(spec.expression_statement_kinds, node.kind)
                    })
                    .collect(),
            };
            for t in candidates {
                if !inside(t) {
                    continue;
                }
                m.b.clear();
                if m.node(p, t) {
                    let n = tree.node(t);
                    out.push(Match {
                        start: n.start,
                        end: n.end,
                        b: std::mem::take(&mut m.b),
                    });
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
