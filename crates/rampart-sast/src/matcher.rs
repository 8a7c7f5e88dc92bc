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

/// One assignment to a name.
#[derive(Debug, Clone, Copy)]
struct Def {
    /// End of the assignment.
    end: u32,
    /// The assigned value (the right side of `x += v` for an augmented one).
    value: NodeId,
    /// The assignment node.
    at: NodeId,
    augmented: bool,
}

/// What constant propagation knows about an expression's value (Semgrep's svalue, as far
/// as string patterns need it): a literal string, another literal (number, boolean), a
/// string of unknown content (`a if c else b`, `"x" + v` with `v` such a string), or
/// nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sv {
    LitStr,
    LitOther,
    CstStr,
    No,
}

impl Sv {
    fn stringish(self) -> bool {
        matches!(self, Sv::LitStr | Sv::CstStr)
    }

    fn literal(self) -> bool {
        matches!(self, Sv::LitStr | Sv::LitOther)
    }
}

/// Number, boolean and null literals across the grammars.
fn is_literal_kind(kind: &str) -> bool {
    matches!(
        kind,
        "integer" | "float" | "true" | "false" | "none" | "number" | "null" | "nil"
    ) || kind.ends_with("integer_literal")
        || kind.ends_with("floating_point_literal")
        || matches!(kind, "int_literal" | "float_literal")
}

/// Everything about one file that matching needs, computed once.
pub struct FileCtx<'a> {
    pub tree: &'a Tree,
    pub spec: &'static LangSpec,
    pub imports: HashMap<String, String>,
    by_kind: HashMap<&'static str, Vec<NodeId>>,
    types: OnceCell<HashMap<String, String>>,
    /// Name → its assignments in source order, for constant propagation.
    defs: OnceCell<HashMap<String, Vec<Def>>>,
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

    /// The text a metavariable stands for: its source text, or for `"$X"` bound inside an
    /// implicit concatenation (`"ab" "cd"`), the concatenated value (as Semgrep folds it).
    pub fn bound_text(&self, b: &Bound) -> std::borrow::Cow<'a, str> {
        let tree = self.tree;
        if let Some(n) = b.node
            && b.start > tree.node(n).start
            && crate::lang::is_concatenation(self.spec, tree, n)
            && let Some(v) = string_value(self.spec, tree, n)
        {
            return std::borrow::Cow::Owned(v);
        }
        std::borrow::Cow::Borrowed(&tree.src[b.start as usize..b.end as usize])
    }

    /// For a name imported under an alias (`q` after `from urllib.parse import quote as q`),
    /// the imported name in the import (`quote`).
    fn imported_name(&self, t: NodeId) -> Option<NodeId> {
        let tree = self.tree;
        let local = tree.text(t);
        for kind in ["aliased_import", "import_specifier"] {
            for &id in self.nodes_of(kind) {
                if tree
                    .field(id, "alias")
                    .is_some_and(|a| tree.text(a) == local)
                {
                    let name = tree.field(id, "name")?;
                    return tree.named_children(name).last().or(Some(name));
                }
            }
        }
        None
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

    fn defs(&self) -> &HashMap<String, Vec<Def>> {
        self.defs.get_or_init(|| {
            let t = self.tree;
            let spec = self.spec;
            let mut map: HashMap<String, Vec<Def>> = HashMap::new();
            for (kind, left, right) in spec.assignments {
                let augmented = spec.is(spec.augmented_kinds, kind);
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
                        map.entry(t.text(l).to_string()).or_default().push(Def {
                            end: t.node(id).end,
                            value: r,
                            at: id,
                            augmented,
                        });
                    }
                }
            }
            for v in map.values_mut() {
                v.sort_unstable_by_key(|d| (d.end, d.value));
            }
            map
        })
    }

    /// The value a variable holds at `t` when the nearest assignment before it (in the same
    /// function) gave it a constant string: Semgrep's constant propagation.
    pub fn constant(&self, t: NodeId) -> Option<NodeId> {
        self.constant_at(t, 0)
    }

    fn constant_at(&self, t: NodeId, depth: u32) -> Option<NodeId> {
        if depth > 4 {
            return None;
        }
        let before = self.defs_before(t)?;
        let last = before.last()?;
        if before.len() == 1
            && !last.augmented
            && self
                .spec
                .is(self.spec.identifier_kinds, self.tree.node(last.value).kind)
        {
            // `y = x` with `x` a constant: `y` is that constant too.
            return self.constant_at(last.value, depth + 1);
        }
        // Without flow analysis, only when every earlier assignment was a constant (two
        // branches assigning different things make it unknown).
        before
            .iter()
            .all(|d| !d.augmented && self.is_constant_string(d.value))
            .then_some(last.value)
    }

    /// The value of the only assignment to variable `t` before it in its function.
    pub fn single_def(&self, t: NodeId) -> Option<NodeId> {
        match self.defs_before(t)?[..] {
            [d] if !d.augmented => Some(d.value),
            _ => None,
        }
    }

    /// The assignments that give identifier `t` its value, in source order: those before it
    /// in its own function (or module); in a function or class body with none of its own,
    /// the only assignment in the nearest enclosing function or the module that has one
    /// (Semgrep propagates module and closure constants), unless a parameter in between
    /// takes the name. `None` when `t` is not an identifier. A class body's own attributes
    /// are not propagated (Semgrep does not either).
    fn defs_before(&self, t: NodeId) -> Option<Vec<&Def>> {
        let tree = self.tree;
        let spec = self.spec;
        let node = tree.node(t);
        if !spec.is(spec.identifier_kinds, node.kind) {
            return None;
        }
        let name = tree.text(t);
        let all = self.defs().get(name)?;
        let scope = self.scope_of(t);
        let start = node.start;
        let is_class = |s: NodeId| s != NodeId::MAX && spec.is(spec.class_kinds, tree.node(s).kind);
        let in_class = is_class(scope);
        let local: Vec<&Def> = all
            .iter()
            .filter(|d| self.scope_of(d.value) == scope && (in_class || d.end <= start))
            .collect();
        if in_class && !local.is_empty() {
            return Some(Vec::new());
        }
        if !local.is_empty() || scope == NodeId::MAX {
            return Some(local);
        }
        if self.declared_global(name) || (!in_class && self.assigned_from(t)) {
            return Some(Vec::new());
        }
        let mut s = scope;
        while s != NodeId::MAX {
            if self.has_parameter(s, name) {
                return Some(Vec::new());
            }
            s = self.scope_of(tree.node(s).parent);
            if is_class(s) {
                // Methods do not see class attributes as bare names.
                continue;
            }
            let there: Vec<&Def> = all.iter().filter(|d| self.scope_of(d.value) == s).collect();
            if there.is_empty() {
                continue;
            }
            return Some(match there[..] {
                [d] if d.end <= start && !d.augmented && !self.conditional(d.at) => vec![d],
                _ => Vec::new(),
            });
        }
        Some(Vec::new())
    }

    /// Whether `t` is the whole value of an assignment (`y = G`): Semgrep's intraprocedural
    /// propagation gives such a read of a module constant no value inside a function (a
    /// class body's `z = G` does get it).
    fn assigned_from(&self, t: NodeId) -> bool {
        let tree = self.tree;
        let parent = tree.node(t).parent;
        parent != NodeId::MAX
            && self.spec.assignments.iter().any(|(kind, _, right)| {
                *kind == tree.node(parent).kind && tree.field(parent, right) == Some(t)
            })
    }

    /// Whether a function declares `name` global (and so may assign the module's variable).
    fn declared_global(&self, name: &str) -> bool {
        let tree = self.tree;
        self.nodes_of("global_statement")
            .iter()
            .any(|g| tree.named_children(*g).any(|c| tree.text(c) == name))
    }

    /// The nearest function or class around `n` (`NodeId::MAX`: the module).
    fn scope_of(&self, mut n: NodeId) -> NodeId {
        let tree = self.tree;
        let spec = self.spec;
        while n != NodeId::MAX {
            let kind = tree.node(n).kind;
            if spec.is(spec.function_kinds, kind) || spec.is(spec.class_kinds, kind) {
                break;
            }
            n = tree.node(n).parent;
        }
        n
    }

    /// Whether assignment `at` runs only on some paths of its scope (inside a branch or a
    /// loop, or a loop's own variable).
    fn conditional(&self, at: NodeId) -> bool {
        let tree = self.tree;
        let spec = self.spec;
        let scope = self.scope_of(at);
        // The assignment itself may be a loop (`for x in …`).
        let mut n = at;
        while n != scope && n != NodeId::MAX {
            if spec.is(spec.branch_kinds, tree.node(n).kind) {
                return true;
            }
            n = tree.node(n).parent;
        }
        false
    }

    /// Whether `t` is a constant string for a `"..."` pattern, as Semgrep's constant
    /// propagation sees it: a literal, `+` of constant strings, a conditional choosing
    /// between them, an interpolated string whose parts all have known values, or a
    /// variable that holds one of these.
    pub fn string_ish(&self, t: NodeId) -> bool {
        if self.sv(t, 0).stringish() {
            return true;
        }
        // Matched in place, an interpolated string may use values known only as "some
        // constant" (a variable set in two branches); once stored in a variable it needs
        // literal parts (see [`Sv`]).
        let spec = self.spec;
        spec.is(spec.string_kinds, self.tree.node(t).kind)
            && self
                .interpolations(t)
                .into_iter()
                .all(|e| self.sv(e, 1) != Sv::No)
    }

    /// The expressions interpolated in string `n` (in each part of a concatenation).
    fn interpolations(&self, n: NodeId) -> Vec<NodeId> {
        let tree = self.tree;
        let spec = self.spec;
        let mut out = Vec::new();
        for &c in tree.children(n) {
            let kind = tree.node(c).kind;
            if spec.is(spec.interpolation_kinds, kind) {
                match crate::pattern::interpolated(tree, c) {
                    Some(e) => out.push(e),
                    // `{}` with nothing in it: not a value.
                    None => out.push(c),
                }
            } else if spec.is(spec.string_kinds, kind) {
                out.extend(self.interpolations(c));
            }
        }
        out
    }

    /// The constant value class of expression `n` (Semgrep's svalue, for strings).
    fn sv(&self, n: NodeId, depth: u32) -> Sv {
        if depth > 8 || !self.tick() {
            return Sv::No;
        }
        let tree = self.tree;
        let spec = self.spec;
        let node = tree.node(n);
        let kind = node.kind;
        if spec.is(spec.string_kinds, kind) {
            let parts_known = self
                .interpolations(n)
                .into_iter()
                .all(|e| self.sv(e, depth + 1).literal());
            return if parts_known { Sv::LitStr } else { Sv::No };
        }
        if spec.is(spec.identifier_kinds, kind) {
            return self.var_sv(n, depth);
        }
        if is_literal_kind(kind) {
            return Sv::LitOther;
        }
        let kids = tree.children(n);
        if kind.contains("binary") && kids.len() == 3 {
            let (a, b) = (self.sv(kids[0], depth + 1), self.sv(kids[2], depth + 1));
            return match tree.node(kids[1]).kind {
                "+" => match (a, b) {
                    (Sv::LitStr, Sv::LitStr) => Sv::LitStr,
                    (Sv::LitOther, Sv::LitOther) => Sv::LitOther,
                    _ if a.stringish() && b.stringish() => Sv::CstStr,
                    _ => Sv::No,
                },
                "*" => match (a, b) {
                    (Sv::LitOther, Sv::LitOther) => Sv::LitOther,
                    (s, Sv::LitOther) | (Sv::LitOther, s) if s.stringish() => Sv::CstStr,
                    _ => Sv::No,
                },
                _ => Sv::No,
            };
        }
        let branches = match kind {
            // `a if c else b`
            "conditional_expression" => {
                let named: Vec<NodeId> = tree.named_children(n).collect();
                (named.len() == 3).then(|| (named[0], named[2]))
            }
            "ternary_expression" => tree
                .field(n, "consequence")
                .zip(tree.field(n, "alternative")),
            _ => None,
        };
        if let Some((a, b)) = branches
            && self.sv(a, depth + 1).stringish()
            && self.sv(b, depth + 1).stringish()
        {
            return Sv::CstStr;
        }
        Sv::No
    }

    /// The value class of variable `t` from its assignments before it: the last assignment
    /// that runs on every path decides, later conditional ones merge in.
    fn var_sv(&self, t: NodeId, depth: u32) -> Sv {
        let Some(defs) = self.defs_before(t) else {
            return Sv::No;
        };
        let from = defs
            .iter()
            .rposition(|d| !d.augmented && !self.conditional(d.at));
        let live = &defs[from.unwrap_or(0)..];
        let Some(first) = live.first() else {
            return Sv::No;
        };
        // Only assigned on some paths: a parameter of that name keeps its unknown value.
        if from.is_none() && self.is_parameter(t) {
            return Sv::No;
        }
        if live.len() == 1 && !first.augmented && from.is_some() {
            return self.sv(first.value, depth + 1);
        }
        if live.iter().all(|d| self.sv(d.value, depth + 1).stringish()) {
            Sv::CstStr
        } else {
            Sv::No
        }
    }

    /// Whether identifier `t` names a parameter of the function it is in.
    fn is_parameter(&self, t: NodeId) -> bool {
        self.has_parameter(self.scope_of(t), self.tree.text(t))
    }

    /// Whether function `scope` has a parameter called `name`.
    fn has_parameter(&self, scope: NodeId, name: &str) -> bool {
        let tree = self.tree;
        if scope == NodeId::MAX {
            return false;
        }
        let Some(params) = tree
            .field(scope, "parameters")
            .or_else(|| tree.field(scope, "parameter"))
        else {
            return false;
        };
        tree.subtree(params).any(|u| {
            self.spec.is(self.spec.identifier_kinds, tree.node(u).kind) && tree.text(u) == name
        })
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
            && !re.is_match(&self.f.bound_text(&Bound { start, end, node }))
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
            PClass::AnyString => self.f.string_ish(t),
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
        if block && pn.parent != NodeId::MAX && spec.is(spec.class_kinds, pt.node(pn.parent).kind) {
            // A class body is a set of members (Semgrep): the pattern's members match
            // distinct members of the code's, in any order, and `...` adds nothing.
            let ps: Vec<NodeId> = pc
                .iter()
                .copied()
                .filter(|c| self.is_ellipsis(*c).is_none())
                .collect();
            return self.subset(&ps, tc, &mut vec![false; tc.len()]);
        }
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

    /// A member access in a pattern against a bare name imported from a module: the name
    /// stands for its qualified name (`urlize` after `from django.utils.html import urlize`
    /// is `django.utils.html.urlize`, `q` after `from urllib.parse import quote as q` is
    /// `urllib.parse.quote`), as Semgrep resolves imported names. So `module.$F`,
    /// `$M.quote` and `$O.$F` all match it; metavariables bind the name as written.
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
        let parts: Vec<&str> = qualified.split('.').collect();
        if parts.len() < 2 {
            return None;
        }
        Some(self.qualified(p, &parts, t))
    }

    /// Pattern `p` (a dotted shape) against the parts of a qualified name that the code
    /// writes as identifier `t`.
    fn qualified(&mut self, p: NodeId, parts: &[&str], t: NodeId) -> bool {
        let spec = self.f.spec;
        let pt = &self.p.tree;
        let Some((&last, init)) = parts.split_last() else {
            return false;
        };
        match &self.p.class[p as usize] {
            PClass::Mv(v) => {
                // The last part is the name itself (under an alias, the imported name as the
                // import writes it, so `$F` is `quote` for `q` after `import quote as q`);
                // a module prefix has no node of its own.
                let at = match init.is_empty() && self.f.tree.text(t) != last {
                    true => self.f.imported_name(t).unwrap_or(t),
                    false => t,
                };
                let n = self.f.tree.node(at);
                let node = init.is_empty().then_some(at);
                return self.bind(*v, n.start, n.end, node);
            }
            PClass::Dotted(d) => return d.split('.').eq(parts.iter().copied()),
            PClass::Normal => {}
            _ => return false,
        }
        let kind = pt.node(p).kind;
        if spec.is(spec.identifier_kinds, kind) {
            return init.is_empty() && pt.text(p) == last;
        }
        if !spec.is(spec.dotted_kinds, kind) || init.is_empty() {
            return false;
        }
        let kids: Vec<NodeId> = pt.named_children(p).collect();
        let [object, member] = kids[..] else {
            return false;
        };
        let save = self.b.len();
        if self.qualified(member, &[last], t) && self.qualified(object, init, t) {
            return true;
        }
        self.b.truncate(save);
        false
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
            return ts.iter().all(|t| optional(spec, tree.node(*t)));
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
        if optional(spec, tree.node(t)) {
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

/// A code child a pattern may leave out: by kind, or by field (Python's `superclasses`).
fn optional(spec: &LangSpec, n: &crate::tree::Node) -> bool {
    spec.is(spec.optional_kinds, n.kind)
        || (!n.field.is_empty() && spec.is(spec.optional_kinds, n.field))
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
    // The identifiers that are exactly the region `s..e` (a metavariable bound to a variable).
    let identifiers_spanning = |s: u32, e: u32| {
        spec.identifier_kinds
            .iter()
            .flat_map(|k| f.nodes_of(k).iter().copied())
            .filter(move |t| {
                let n = tree.node(*t);
                n.start == s && n.end == e
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
                            v.extend(identifiers_spanning(s, e));
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
                        v.extend(identifiers_spanning(s, e));
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
