//! Taint tracking for `mode: taint` rules.
//!
//! Sources, sinks, sanitizers and propagators are first matched as ordinary formulas; their
//! ranges are then the vocabulary of a dataflow walk over each function in source order:
//!
//! * an expression is tainted when it *is* a source match, names a tainted variable (or a
//!   field of one), or has a tainted part (operators, string formatting, f-strings and
//!   template literals, containers, calls and method calls: Semgrep's default), unless it
//!   lies inside a sanitizer match;
//! * assignments (plain, augmented, declarations, destructuring, `for x in …`) move taint to
//!   their targets; an untainted assignment outside any branch or loop clears it; writes into
//!   `a[i]` or `a.append(x)`-style calls taint the container;
//! * a sink match containing tainted data is a finding, with the trace source → steps → sink.
//!
//! Across functions of one file, each function gets a summary (computed in rounds, so the
//! order of definitions does not matter): which parameters reach its return value, whether
//! it returns source data, and which parameters reach which sink. Calls to it then use the
//! summary instead of the default "any argument taints the result".

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::constant::{Const, Env, fold};
use crate::eval::eval;
use crate::lang::LangSpec;
use crate::matcher::{FileCtx, Match};
use crate::rule::TaintSpec;
use crate::tree::{NodeId, Tree};

type Step = (u32, u32, String);

/// How deep the walk and expression evaluation go before giving up on a subtree: bounds
/// stack use on hostile nesting.
const MAX_DEPTH: u32 = 400;
const MAX_TRACE: usize = 24;
const ROUNDS: usize = 3;

#[derive(Clone, Debug)]
struct Taint {
    /// Carries data from a source (not only from a parameter).
    src: bool,
    /// Bit i: carries the value of parameter i of the function being analysed.
    params: u64,
    trace: Rc<Vec<Step>>,
}

impl Taint {
    fn union(a: Option<Taint>, b: Option<Taint>) -> Option<Taint> {
        match (a, b) {
            (None, x) | (x, None) => x,
            (Some(a), Some(b)) => Some(Taint {
                src: a.src || b.src,
                params: a.params | b.params,
                trace: if a.src || !b.src { a.trace } else { b.trace },
            }),
        }
    }

    fn step(&self, s: Step) -> Taint {
        let mut t = (*self.trace).clone();
        if t.len() < MAX_TRACE {
            t.push(s);
        }
        Taint {
            trace: Rc::new(t),
            ..self.clone()
        }
    }
}

#[derive(Clone, Default, Debug)]
struct Summary {
    /// Taint of the return value in terms of the parameters (and sources).
    ret: Option<Taint>,
    /// Which parameters reach which sink: (param, sink index, trace from param to sink).
    sinks: Vec<(usize, usize, Rc<Vec<Step>>)>,
    /// Whether the first parameter is `self` / `cls` (a method called as `obj.m(…)`).
    has_self: bool,
}

/// Findings of one taint rule in one file: the sink match and the trace.
pub fn run(f: &FileCtx, spec: &TaintSpec) -> Vec<(Match, Vec<Step>)> {
    let sources: Vec<Match> = spec
        .sources
        .iter()
        .flat_map(|s| eval(f, &s.f, None))
        .collect();
    if sources.is_empty() {
        return Vec::new();
    }
    let sinks: Vec<Match> = spec
        .sinks
        .iter()
        .flat_map(|s| eval(f, &s.f, None))
        .collect();
    if sinks.is_empty() {
        return Vec::new();
    }
    let mut sanitizers = Vec::new();
    let mut side_effect = HashSet::new();
    for s in &spec.sanitizers {
        for m in eval(f, &s.f, None) {
            if s.by_side_effect {
                side_effect.insert((m.start, m.end));
            } else {
                sanitizers.push((m.start, m.end));
            }
        }
    }
    sanitizers.sort_unstable();
    let mut propagators = HashMap::new();
    for p in &spec.propagators {
        for m in eval(f, &p.f, None) {
            let from = m.b.iter().find(|(k, _)| *k == p.from).map(|x| x.1);
            let to = m.b.iter().find(|(k, _)| *k == p.to).map(|x| x.1);
            if let (Some(from), Some(to)) = (from, to) {
                propagators.insert((m.start, m.end), (from, to));
            }
        }
    }
    let mut w = Walker {
        f,
        t: f.tree,
        spec: f.spec,
        sources: sources.iter().map(|m| (m.start, m.end)).collect(),
        sink_at: sinks
            .iter()
            .enumerate()
            .map(|(i, m)| ((m.start, m.end), i))
            .collect(),
        sanitizers,
        side_effect,
        propagators,
        summaries: HashMap::new(),
        next: HashMap::new(),
        findings: HashMap::new(),
        fs: FnState::default(),
        depth: 0,
    };
    for _ in 0..ROUNDS {
        // Each round's findings replace the last: later rounds know more summaries, so a
        // helper that returns a constant is not reported through the default propagation.
        w.findings.clear();
        w.fs = FnState::default();
        w.visit(0);
        w.visit(0);
        w.summaries = std::mem::take(&mut w.next);
        if w.summaries.is_empty() || f.out_of_time.get() {
            break;
        }
    }
    let mut out: Vec<(Match, Vec<Step>)> = w
        .findings
        .into_iter()
        .map(|(i, trace)| (sinks[i].clone(), trace))
        .collect();
    out.sort_by_key(|(m, _)| (m.start, m.end));
    out
}

#[derive(Default)]
struct FnState {
    vars: HashMap<String, Taint>,
    ret: Option<Taint>,
    sinks: Vec<(usize, usize, Rc<Vec<Step>>)>,
    branch: u32,
    /// Loops around the current node: conditions in them are not folded (a later
    /// iteration may see other values).
    loops: u32,
    /// Local variables with a known constant value.
    consts: Env,
    /// Containers created here whose contents are known entry by entry.
    shapes: HashMap<String, Shape>,
}

/// The contents of a map or list created in the function, while every write to it used a
/// constant key or index: `get("k")` / `get(0)` then read one entry, not the whole container.
#[derive(Clone, Debug)]
enum Shape {
    Map(Vec<(String, Option<Taint>)>),
    List(Vec<Option<Taint>>),
}

const MAP_TYPES: &[&str] = &[
    "HashMap",
    "LinkedHashMap",
    "TreeMap",
    "Hashtable",
    "ConcurrentHashMap",
];
const LIST_TYPES: &[&str] = &["ArrayList", "LinkedList", "Vector", "CopyOnWriteArrayList"];
/// Container methods that neither write nor let the container escape.
const READERS: &[&str] = &[
    "get",
    "getOrDefault",
    "containsKey",
    "containsValue",
    "contains",
    "size",
    "isEmpty",
    "indexOf",
    "toString",
    "hashCode",
    "equals",
];

struct Walker<'a, 'f> {
    f: &'a FileCtx<'f>,
    t: &'a Tree,
    spec: &'static LangSpec,
    sources: HashSet<(u32, u32)>,
    sink_at: HashMap<(u32, u32), usize>,
    sanitizers: Vec<(u32, u32)>,
    side_effect: HashSet<(u32, u32)>,
    propagators: HashMap<(u32, u32), (crate::matcher::Bound, crate::matcher::Bound)>,
    summaries: HashMap<String, Summary>,
    next: HashMap<String, Summary>,
    /// Sink index → trace of the first finding there.
    findings: HashMap<usize, Vec<Step>>,
    fs: FnState,
    depth: u32,
}

impl Walker<'_, '_> {
    fn range(&self, n: NodeId) -> (u32, u32) {
        let node = self.t.node(n);
        (node.start, node.end)
    }

    fn fold(&self, n: NodeId) -> Option<Const> {
        fold(self.spec, self.t, n, &self.fs.consts)
    }

    /// A condition whose value cannot depend on input, outside loops.
    fn fixed_condition(&self, cond: NodeId) -> Option<bool> {
        if self.fs.loops > 0 {
            return None;
        }
        self.fold(cond).and_then(|c| c.truth())
    }

    /// `new HashMap<>()` / `new ArrayList<>()` with no arguments: an empty known shape.
    fn new_shape(&self, rhs: NodeId) -> Option<Shape> {
        if self.t.node(rhs).kind != "object_creation_expression" {
            return None;
        }
        let empty = self
            .t
            .field(rhs, "arguments")
            .is_some_and(|a| self.t.named_children(a).next().is_none());
        let ty = self.t.text(self.t.field(rhs, "type")?);
        let ty = ty.split('<').next().unwrap_or(ty).trim();
        let ty = ty.rsplit('.').next().unwrap_or(ty);
        if !empty {
            None
        } else if MAP_TYPES.contains(&ty) {
            Some(Shape::Map(Vec::new()))
        } else if LIST_TYPES.contains(&ty) {
            Some(Shape::List(Vec::new()))
        } else {
            None
        }
    }

    /// Applies `recv.name(args)` to a known shape; any write it cannot follow forgets it.
    fn update_shape(&mut self, k: &str, name: &str, args: &[NodeId]) {
        if READERS.contains(&name) {
            return;
        }
        let Some(mut shape) = self.fs.shapes.remove(k) else {
            return;
        };
        if self.fs.branch > 0 {
            return;
        }
        let consts: Vec<Option<Const>> = args.iter().map(|a| self.fold(*a)).collect();
        let index = |i: usize| match consts.get(i) {
            Some(Some(Const::Int(v))) => usize::try_from(*v).ok(),
            _ => None,
        };
        let kept = match (&mut shape, name, args) {
            (Shape::Map(m), "put", [_, v]) => match &consts[0] {
                Some(c) => {
                    let key = c.key();
                    let t = self.taint(*v);
                    m.retain(|(x, _)| *x != key);
                    m.push((key, t));
                    true
                }
                None => false,
            },
            (Shape::Map(m), "remove", [_]) => match &consts[0] {
                Some(c) => {
                    let key = c.key();
                    m.retain(|(x, _)| *x != key);
                    true
                }
                None => false,
            },
            (Shape::List(l), "add", [v]) => {
                let t = self.taint(*v);
                l.push(t);
                true
            }
            (Shape::List(l), "add", [_, v]) => match index(0) {
                Some(i) if i <= l.len() => {
                    let t = self.taint(*v);
                    l.insert(i, t);
                    true
                }
                _ => false,
            },
            (Shape::List(l), "set", [_, v]) => match index(0) {
                Some(i) if i < l.len() => {
                    l[i] = self.taint(*v);
                    true
                }
                _ => false,
            },
            (Shape::List(l), "remove", [_]) => match index(0) {
                Some(i) if i < l.len() => {
                    l.remove(i);
                    true
                }
                _ => false,
            },
            (Shape::Map(m), "clear", []) => {
                m.clear();
                true
            }
            (Shape::List(l), "clear", []) => {
                l.clear();
                true
            }
            _ => false,
        };
        if kept {
            self.fs.shapes.insert(k.to_string(), shape);
        }
    }

    /// `m.get("k")` / `l.get(0)` on a known shape: the taint of that one entry.
    fn shape_read(&self, recv: NodeId, name: &str, args: &[NodeId]) -> Option<Option<Taint>> {
        if name != "get" || args.len() != 1 {
            return None;
        }
        let shape = self.fs.shapes.get(&self.key(recv)?)?;
        let c = self.fold(args[0])?;
        Some(match (shape, c) {
            (Shape::Map(m), c) => {
                let key = c.key();
                m.iter()
                    .find(|(x, _)| *x == key)
                    .and_then(|(_, t)| t.clone())
            }
            (Shape::List(l), Const::Int(i)) => usize::try_from(i)
                .ok()
                .and_then(|i| l.get(i).cloned().flatten()),
            _ => return None,
        })
    }

    fn short(&self, n: NodeId) -> String {
        let s = self.t.text(n);
        let line = s.lines().next().unwrap_or("");
        let mut out: String = line.chars().take(60).collect();
        if out.len() < s.len() {
            out.push('…');
        }
        out
    }

    fn sanitized(&self, n: NodeId) -> bool {
        let (s, e) = self.range(n);
        self.sanitizers
            .iter()
            .take_while(|(ss, _)| *ss <= s)
            .any(|(_, se)| *se >= e)
    }

    /// `a.b`, `this.x`, `x` → their key in the variable map.
    fn key(&self, n: NodeId) -> Option<String> {
        let node = self.t.node(n);
        if self.spec.is(self.spec.identifier_kinds, node.kind)
            || self.spec.is(self.spec.dotted_kinds, node.kind)
        {
            let k: String = self
                .t
                .text(n)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            return (!k.is_empty() && k.len() < 200).then_some(k);
        }
        None
    }

    fn lookup(&self, key: &str) -> Option<Taint> {
        if let Some(t) = self.fs.vars.get(key) {
            return Some(t.clone());
        }
        let mut k = key;
        while let Some((head, _)) = k.rsplit_once('.') {
            if let Some(t) = self.fs.vars.get(head) {
                return Some(t.clone());
            }
            k = head;
        }
        None
    }

    /// The container written by `a[i] = …` (or `a.b[i]`).
    fn container(&self, n: NodeId) -> Option<NodeId> {
        let node = self.t.node(n);
        if node.kind.contains("subscript")
            || node.kind.contains("index")
            || node.kind == "array_access"
        {
            return self.t.named_children(n).next();
        }
        None
    }

    /// The summary of the same-file function a call reaches, by name. A call on some other
    /// object (`request.POST.get(…)`, `self.client.get(…)`) is not a call of this file's
    /// `get` method: only calls without a receiver, on `self` / `cls` / `this`, on a new
    /// instance of a class of this file (`new Test().m(…)`, `Helper().m(…)`, or a variable
    /// holding one), or (Go) on a method receiver's name use a summary; the others keep the
    /// default propagation.
    fn summary_for(&self, recv: Option<NodeId>, name: &str) -> Option<Summary> {
        let sum = self.summaries.get(name)?;
        let ok = match recv {
            // A bare call does not reach a Python method.
            None => !sum.has_self,
            Some(r) => self.local_receiver(r, 0),
        };
        ok.then(|| sum.clone())
    }

    fn local_receiver(&self, r: NodeId, depth: u32) -> bool {
        let t = self.t;
        let spec = self.spec;
        let node = t.node(r);
        if matches!(t.text(r), "self" | "cls" | "this" | "super()") {
            return true;
        }
        let is_ident = spec.is(spec.identifier_kinds, node.kind);
        if is_ident && spec.name == "go" {
            return true;
        }
        // The class a creation names: `new C(…)` (Java, JS) or a call of `C` (Python).
        let class = match node.kind {
            "object_creation_expression" => t.field(r, "type"),
            "new_expression" => t.field(r, "constructor"),
            _ => spec
                .calls
                .iter()
                .find(|c| c.0 == node.kind)
                .and_then(|c| t.field(r, c.1))
                .filter(|f| spec.is(spec.identifier_kinds, t.node(*f).kind)),
        };
        if let Some(c) = class {
            let name = t.text(c);
            return spec.class_kinds.iter().any(|k| {
                self.f
                    .nodes_of(k)
                    .iter()
                    .any(|d| t.field(*d, "name").is_some_and(|n| t.text(n) == name))
            });
        }
        is_ident
            && depth == 0
            && self
                .f
                .single_def(r)
                .is_some_and(|v| self.local_receiver(v, depth + 1))
    }

    /// (receiver, method or function name, arguments) of a call.
    fn call_parts(&self, n: NodeId) -> Option<(Option<NodeId>, String, Vec<NodeId>)> {
        let kind = self.t.node(n).kind;
        let (_, callee_f, args_f) = self.spec.calls.iter().find(|c| c.0 == kind)?;
        let args: Vec<NodeId> = self
            .t
            .field(n, args_f)
            .map(|a| self.t.named_children(a).collect())
            .unwrap_or_default();
        if kind == "method_invocation" {
            let name = self
                .t
                .field(n, "name")
                .map(|x| self.t.text(x).to_string())?;
            return Some((self.t.field(n, "object"), name, args));
        }
        let callee = self.t.field(n, callee_f)?;
        let cnode = self.t.node(callee);
        if self.spec.is(self.spec.dotted_kinds, cnode.kind) {
            let kids: Vec<NodeId> = self.t.named_children(callee).collect();
            let name = kids.last().map(|x| self.t.text(*x).to_string())?;
            return Some((kids.first().copied(), name, args));
        }
        Some((None, self.t.text(callee).to_string(), args))
    }

    fn taint(&mut self, n: NodeId) -> Option<Taint> {
        if self.depth > MAX_DEPTH || !self.f.tick() {
            return None;
        }
        if self.sanitized(n) {
            return None;
        }
        let r = self.range(n);
        if self.sources.contains(&r) {
            return Some(Taint {
                src: true,
                params: 0,
                trace: Rc::new(vec![(r.0, r.1, format!("source: {}", self.short(n)))]),
            });
        }
        let node = self.t.node(n);
        let mut known = None;
        if let Some(k) = self.key(n) {
            known = self.lookup(&k);
            // A parameter's taint does not hide a source inside `req.query.x`.
            if known.as_ref().is_some_and(|t| t.src) || self.t.children(n).is_empty() {
                return known;
            }
        }
        if self.spec.is(self.spec.function_kinds, node.kind) {
            return None;
        }
        self.depth += 1;
        let out = self.taint_inner(n);
        self.depth -= 1;
        Taint::union(out, known)
    }

    /// Comparisons (and `!`, `instanceof`, Java/Go `&&`/`||`) yield a boolean: no attacker
    /// text survives them.
    fn boolean_valued(&self, n: NodeId) -> bool {
        const COMPARE: &[&str] = &[
            "==", "!=", "===", "!==", "<", "<=", ">", ">=", "in", "not in", "is", "is not",
        ];
        let kind = self.t.node(n).kind;
        let op = || {
            self.t
                .children(n)
                .iter()
                .map(|c| self.t.node(*c))
                .find(|c| !c.named)
                .map(|c| c.kind)
        };
        match kind {
            "instanceof_expression" | "comparison_operator" | "not_operator" => true,
            "binary_expression" => op().is_some_and(|o| {
                COMPARE.contains(&o)
                    || (matches!(o, "&&" | "||") && matches!(self.spec.name, "java" | "go"))
            }),
            "unary_expression" => op() == Some("!"),
            _ => false,
        }
    }

    fn taint_inner(&mut self, n: NodeId) -> Option<Taint> {
        if self.boolean_valued(n) {
            return None;
        }
        if self.t.node(n).kind == "ternary_expression"
            && let Some(c) = self.t.field(n, "condition")
            && let Some(b) = self.fixed_condition(c)
        {
            let side = self
                .t
                .field(n, if b { "consequence" } else { "alternative" })?;
            return self.taint(side);
        }
        if let Some((Some(recv), name, args)) = self.call_parts(n)
            && let Some(t) = self.shape_read(recv, &name, &args)
        {
            return t;
        }
        if let Some((recv, name, args)) = self.call_parts(n)
            && let Some(sum) = self.summary_for(recv, &name)
        {
            let r = self.range(n);
            let step = (r.0, r.1, format!("through `{name}()`"));
            let mut out = sum.ret.as_ref().filter(|t| t.src).map(|t| {
                let mut tr = (*t.trace).clone();
                tr.push(step.clone());
                Taint {
                    src: true,
                    params: 0,
                    trace: Rc::new(tr),
                }
            });
            let ret_params = sum.ret.as_ref().map_or(0, |t| t.params);
            let shift = usize::from(sum.has_self && recv.is_some());
            for (i, a) in args.iter().enumerate() {
                if ret_params & (1u64 << ((i + shift).min(63))) != 0 {
                    let t = self.taint(*a).map(|t| t.step(step.clone()));
                    out = Taint::union(out, t);
                }
            }
            return out;
        }
        let mut out = None;
        for c in self.t.named_children(n).collect::<Vec<_>>() {
            let t = self.taint(c);
            out = Taint::union(out, t);
            if out.as_ref().is_some_and(|t| t.src) {
                break;
            }
        }
        out
    }

    fn set(&mut self, target: NodeId, t: Option<Taint>, weak: bool) {
        if let Some(c) = self.container(target) {
            if let (Some(k), Some(t)) = (self.key(c), t) {
                let (s, e) = self.range(c);
                let t = t.step((s, e, format!("stored in `{k}`")));
                let merged = Taint::union(self.fs.vars.get(&k).cloned(), Some(t));
                if let Some(m) = merged {
                    self.fs.vars.insert(k, m);
                }
            }
            return;
        }
        if let Some(k) = self.key(target) {
            let (s, e) = self.range(target);
            match t {
                Some(t) => {
                    let t = t.step((s, e, format!("flows into `{k}`")));
                    let t = if weak {
                        Taint::union(self.fs.vars.get(&k).cloned(), Some(t)).expect("some")
                    } else {
                        t
                    };
                    self.fs.vars.insert(k, t);
                }
                None if !weak && self.fs.branch == 0 => {
                    self.fs.vars.remove(&k);
                }
                None => {}
            }
            return;
        }
        // Destructuring and other patterns: every name inside gets the value.
        for u in self.t.subtree(target).skip(1).collect::<Vec<_>>() {
            let node = self.t.node(u);
            if node.named
                && self.spec.is(self.spec.identifier_kinds, node.kind)
                && self.t.children(u).is_empty()
                && let Some(t) = &t
            {
                let k = self.t.text(u).to_string();
                let (s, e) = self.range(u);
                self.fs
                    .vars
                    .insert(k.clone(), t.step((s, e, format!("flows into `{k}`"))));
            }
        }
    }

    fn assign(&mut self, n: NodeId, lhs: NodeId, rhs: NodeId) {
        self.visit(rhs);
        let kind = self.t.node(n).kind;
        let augmented = self.spec.is(self.spec.augmented_kinds, kind)
            || self.t.children(n).iter().any(|c| {
                let c = self.t.node(*c);
                !c.named
                    && c.kind.len() >= 2
                    && c.kind.ends_with('=')
                    && !["==", "!=", "<=", ">=", "==="].contains(&c.kind)
            });
        let loop_var = kind.contains("for") || kind.contains("range");
        let lists = |x: NodeId| self.spec.is(self.spec.list_kinds, self.t.node(x).kind);
        let targets: Vec<NodeId> = if lists(lhs) {
            self.t.named_children(lhs).collect()
        } else {
            vec![lhs]
        };
        let values: Vec<NodeId> = if lists(rhs) && !loop_var {
            self.t.named_children(rhs).collect()
        } else {
            vec![rhs]
        };
        let whole = self.taint(rhs);
        for (i, tg) in targets.iter().enumerate() {
            let t = if values.len() == targets.len() && values.len() > 1 {
                self.taint(values[i])
            } else {
                whole.clone()
            };
            let t = if augmented {
                Taint::union(self.taint(*tg), t)
            } else {
                t
            };
            self.set(*tg, t, augmented || loop_var);
        }
        if targets.len() == 1
            && let Some(k) = self.key(lhs)
        {
            let simple = !augmented && !loop_var && self.fs.branch == 0;
            match self.fold(rhs).filter(|_| simple) {
                Some(c) => self.fs.consts.insert(k.clone(), c),
                None => self.fs.consts.remove(&k),
            };
            match self.new_shape(rhs).filter(|_| simple) {
                Some(shape) => self.fs.shapes.insert(k, shape),
                None => self.fs.shapes.remove(&k),
            };
        }
        // `b = a` aliases a container: writes through `b` would not be seen in `a`'s shape.
        if let Some(k) = self.key(rhs) {
            self.fs.shapes.remove(&k);
        }
    }

    fn check_sink(&mut self, n: NodeId) {
        let r = self.range(n);
        let Some(&i) = self.sink_at.get(&r) else {
            return;
        };
        let Some(t) = self.taint(n) else {
            return;
        };
        let step = (r.0, r.1, format!("sink: {}", self.short(n)));
        if t.src && !self.findings.contains_key(&i) {
            let mut trace = (*t.trace).clone();
            trace.push(step.clone());
            self.findings.insert(i, trace);
        }
        for p in 0..64 {
            if t.params & (1u64 << p) != 0 {
                let mut trace = (*t.trace).clone();
                trace.push(step.clone());
                self.fs.sinks.push((p, i, Rc::new(trace)));
            }
        }
    }

    /// A call to a function whose summary says parameter i reaches a sink.
    fn call_sinks(&mut self, n: NodeId) {
        let Some((recv, name, args)) = self.call_parts(n) else {
            return;
        };
        let Some(sum) = self.summary_for(recv, &name) else {
            return;
        };
        let shift = usize::from(sum.has_self && recv.is_some());
        let r = self.range(n);
        for (p, sink, trace) in &sum.sinks {
            let Some(a) = p.checked_sub(shift).and_then(|i| args.get(i)) else {
                continue;
            };
            let Some(t) = self.taint(*a) else { continue };
            let mut full = (*t.trace).clone();
            full.push((r.0, r.1, format!("into `{name}()`")));
            full.extend(trace.iter().skip(1).cloned());
            if t.src && !self.findings.contains_key(sink) {
                self.findings.insert(*sink, full.clone());
            }
            for q in 0..64 {
                if t.params & (1u64 << q) != 0 {
                    self.fs.sinks.push((q, *sink, Rc::new(full.clone())));
                }
            }
        }
    }

    fn after_call(&mut self, n: NodeId) {
        let r = self.range(n);
        if let Some((from, to)) = self.propagators.get(&r).copied()
            && let (Some(fnode), Some(tnode)) = (from.node, to.node)
            && let Some(t) = self.taint(fnode)
        {
            self.set(tnode, Some(t), true);
        }
        let Some((recv, name, args)) = self.call_parts(n) else {
            return;
        };
        if let Some(k) = recv.and_then(|r| self.key(r)) {
            self.update_shape(&k, &name, &args);
        }
        // A container passed to other code may be changed there.
        for a in &args {
            if let Some(k) = self.key(*a) {
                self.fs.shapes.remove(&k);
            }
        }
        if self.side_effect.contains(&r) {
            for a in args.iter().chain(recv.iter()) {
                if let Some(k) = self.key(*a) {
                    self.fs.vars.remove(&k);
                }
            }
            return;
        }
        // Writes into a container or builder taint the container.
        const MUTATORS: &[&str] = &[
            "append",
            "extend",
            "insert",
            "add",
            "addAll",
            "put",
            "putAll",
            "push",
            "unshift",
            "update",
            "setdefault",
            "set",
            "write",
            "print",
            "concat",
            "Add",
            "Set",
            "WriteString",
            "Write",
            "setProperty",
            "appendChild",
            "addHeader",
            "setAttribute",
            "format",
        ];
        if let Some(recv) = recv
            && MUTATORS.contains(&name.as_str())
        {
            let mut t = None;
            for a in &args {
                t = Taint::union(t, self.taint(*a));
            }
            if t.is_some() && self.key(recv).is_some() {
                self.set(recv, t, true);
            }
        }
    }

    fn function(&mut self, n: NodeId) {
        let spec = self.spec;
        let params_node = self
            .t
            .field(n, "parameters")
            .or_else(|| self.t.field(n, "parameter"));
        let mut params = Vec::new();
        if let Some(p) = params_node {
            if self.spec.is(spec.identifier_kinds, self.t.node(p).kind) {
                params.push(p);
            } else {
                params.extend(self.t.named_children(p));
            }
        }
        let saved = std::mem::take(&mut self.fs);
        // Closures see the variables of the code around them.
        self.fs.vars = saved.vars.clone();
        let mut has_self = false;
        for (i, p) in params.iter().enumerate() {
            let names = self.param_names(*p);
            if i == 0 && names.first().is_some_and(|n| n == "self" || n == "cls") {
                has_self = true;
            }
            let (s, e) = self.range(*p);
            let from_source = self.sources.iter().any(|(a, b)| *a >= s && *b <= e);
            for name in names {
                let t = Taint {
                    src: from_source,
                    params: if i < 64 { 1u64 << i } else { 0 },
                    trace: Rc::new(vec![(
                        s,
                        e,
                        if from_source {
                            format!("source: parameter `{name}`")
                        } else {
                            format!("parameter `{name}`")
                        },
                    )]),
                };
                self.fs.vars.insert(name, t);
            }
        }
        if let Some(body) = self.t.field(n, "body") {
            let body_kind = self.t.node(body).kind;
            if spec.is(spec.block_kinds, body_kind)
                || body_kind.contains("block")
                || body_kind.contains("body")
            {
                self.visit(body);
                self.visit(body);
            } else {
                // `x => expr`: the expression is the return value.
                self.visit(body);
                let t = self.taint(body);
                self.fs.ret = Taint::union(self.fs.ret.take(), t);
            }
        }
        let name = self.function_name(n);
        let done = std::mem::replace(&mut self.fs, saved);
        if let Some(name) = name {
            let ret = done.ret.map(|t| Taint {
                trace: Rc::new(t.trace.iter().cloned().collect()),
                ..t
            });
            let e = self.next.entry(name).or_default();
            e.ret = Taint::union(e.ret.take(), ret);
            e.sinks.extend(done.sinks);
            e.has_self |= has_self;
        }
    }

    fn param_names(&self, p: NodeId) -> Vec<String> {
        let t = self.t;
        let spec = self.spec;
        if spec.is(spec.identifier_kinds, t.node(p).kind) {
            return vec![t.text(p).to_string()];
        }
        let named: Vec<String> = t
            .children(p)
            .iter()
            .filter(|c| matches!(t.node(**c).field, "name" | "pattern" | "left"))
            .filter(|c| spec.is(spec.identifier_kinds, t.node(**c).kind))
            .map(|c| t.text(*c).to_string())
            .collect();
        if !named.is_empty() {
            return named;
        }
        t.subtree(p)
            .find(|u| {
                spec.is(spec.identifier_kinds, t.node(*u).kind)
                    && t.node(*u).kind != "type_identifier"
                    && t.children(*u).is_empty()
            })
            .map(|u| vec![t.text(u).to_string()])
            .unwrap_or_default()
    }

    fn function_name(&self, n: NodeId) -> Option<String> {
        if let Some(name) = self.t.field(n, "name") {
            return Some(self.t.text(name).to_string());
        }
        // `const f = (x) => …`, `f = function (x) {…}`
        let parent = self.t.node(n).parent;
        if parent == NodeId::MAX {
            return None;
        }
        let target = self
            .t
            .field(parent, "name")
            .or_else(|| self.t.field(parent, "left"))?;
        self.key(target)
            .map(|k| k.rsplit('.').next().unwrap_or(&k).to_string())
    }

    fn visit(&mut self, n: NodeId) {
        if self.depth > MAX_DEPTH || !self.f.tick() {
            return;
        }
        self.depth += 1;
        self.visit_inner(n);
        self.depth -= 1;
    }

    fn visit_inner(&mut self, n: NodeId) {
        let spec = self.spec;
        let kind = self.t.node(n).kind;
        if n != 0 && spec.is(spec.function_kinds, kind) {
            self.function(n);
            return;
        }
        self.check_sink(n);
        if self.fixed_if(n) || self.fixed_switch(n) {
            return;
        }
        if matches!(
            kind,
            "update_expression" | "inc_statement" | "dec_statement"
        ) && let Some(k) = self.t.named_children(n).next().and_then(|c| self.key(c))
        {
            self.fs.consts.remove(&k);
        }
        let is_loop = kind.contains("for") || kind.contains("while") || kind == "do_statement";
        if is_loop {
            self.fs.loops += 1;
        }
        self.visit_rest(n, kind);
        if is_loop {
            self.fs.loops -= 1;
        }
    }

    /// `if` with a condition that folds to a constant: only the branch that runs is walked,
    /// and its assignments are definite.
    fn fixed_if(&mut self, n: NodeId) -> bool {
        if self.t.node(n).kind != "if_statement" || self.t.field(n, "initializer").is_some() {
            return false;
        }
        let Some(cond) = self.t.field(n, "condition") else {
            return false;
        };
        let Some(b) = self.fixed_condition(cond) else {
            return false;
        };
        let alternatives: Vec<NodeId> = self
            .t
            .children(n)
            .iter()
            .copied()
            .filter(|c| self.t.node(*c).field == "alternative")
            .collect();
        // Python's `elif` chains are several alternatives: leave them to the may-analysis.
        if alternatives.len() > 1
            || alternatives
                .iter()
                .any(|a| self.t.node(*a).kind.contains("elif"))
        {
            return false;
        }
        self.visit(cond);
        let taken = if b {
            self.t.field(n, "consequence")
        } else {
            alternatives.first().copied()
        };
        if let Some(c) = taken {
            self.visit(c);
        }
        true
    }

    /// Java `switch` on a constant: the matching case (or `default`) and the cases it falls
    /// through to, up to a `break`.
    fn fixed_switch(&mut self, n: NodeId) -> bool {
        let t = self.t;
        if t.node(n).kind != "switch_expression" {
            return false;
        }
        let (Some(cond), Some(body)) = (t.field(n, "condition"), t.field(n, "body")) else {
            return false;
        };
        let Some(value) = (if self.fs.loops > 0 {
            None
        } else {
            self.fold(cond)
        }) else {
            return false;
        };
        let groups: Vec<NodeId> = t.named_children(body).collect();
        let mut start = None;
        let mut default = None;
        for (i, g) in groups.iter().enumerate() {
            for label in t
                .named_children(*g)
                .filter(|c| t.node(*c).kind == "switch_label")
            {
                let cases: Vec<NodeId> = t.named_children(label).collect();
                if cases.is_empty() {
                    default.get_or_insert(i);
                }
                for c in cases {
                    match self.fold(c) {
                        Some(v) if v == value => {
                            start.get_or_insert(i);
                        }
                        Some(_) => {}
                        None => return false,
                    }
                }
            }
        }
        self.visit(cond);
        let Some(start) = start.or(default) else {
            return true;
        };
        for g in &groups[start..] {
            let arrow = t.node(*g).kind == "switch_rule";
            let stmts: Vec<NodeId> = t
                .named_children(*g)
                .filter(|c| t.node(*c).kind != "switch_label")
                .collect();
            let mut ends = arrow;
            for s in stmts {
                let k = t.node(s).kind;
                let jumps = |k: &str| {
                    matches!(
                        k,
                        "break_statement"
                            | "return_statement"
                            | "throw_statement"
                            | "continue_statement"
                    )
                };
                ends |= jumps(k)
                    || (k == "block" && t.named_children(s).any(|c| jumps(t.node(c).kind)));
                self.visit(s);
            }
            if ends {
                break;
            }
        }
        true
    }

    fn visit_rest(&mut self, n: NodeId, kind: &'static str) {
        let spec = self.spec;
        let branch = spec.is(spec.branch_kinds, kind);
        if branch {
            self.fs.branch += 1;
        }
        if let Some((_, lf, rf)) = spec.assignments.iter().find(|a| a.0 == kind)
            && let (Some(l), Some(r)) = (self.t.field(n, lf), self.t.field(n, rf))
        {
            self.assign(n, l, r);
            for c in self.t.children(n).to_vec() {
                if c != l && c != r {
                    self.visit(c);
                }
            }
            if branch {
                self.fs.branch -= 1;
            }
            return;
        }
        for c in self.t.children(n).to_vec() {
            self.visit(c);
        }
        if spec.is(spec.return_kinds, kind)
            && let Some(v) = self.t.named_children(n).next()
        {
            let t = self.taint(v);
            self.fs.ret = Taint::union(self.fs.ret.take(), t);
        }
        if spec.calls.iter().any(|c| c.0 == kind) {
            self.call_sinks(n);
            self.after_call(n);
        }
        if branch {
            self.fs.branch -= 1;
        }
    }
}
