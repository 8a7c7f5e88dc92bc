//! A compact, normalised copy of a tree-sitter tree.
//!
//! Matching walks trees millions of times; an arena of plain structs in pre-order is faster
//! than FFI calls, lets "every node inside X" be an index range, and is built without
//! recursion so a 10,000-deep expression cannot overflow the stack. Normalisation happens
//! here, once, for patterns and code alike: comments are dropped, parentheses unwrapped, and
//! separators (`,` `;`) removed.

use std::ops::ControlFlow;

use rampart_engine::Budget;

use crate::lang::{Grammar, LangSpec};

pub type NodeId = u32;

#[derive(Debug, Clone)]
pub struct Node {
    pub kind: &'static str,
    /// Field name in the parent (`""` when none).
    pub field: &'static str,
    pub named: bool,
    pub start: u32,
    pub end: u32,
    pub parent: NodeId,
    /// Index into `Tree::child_ids` of the first child.
    first_child: u32,
    child_count: u32,
    /// One past the last node of this node's subtree (pre-order numbering).
    pub subtree_end: NodeId,
}

#[derive(Debug)]
pub struct Tree {
    pub grammar: Grammar,
    pub src: String,
    nodes: Vec<Node>,
    child_ids: Vec<NodeId>,
    line_starts: Vec<u32>,
    /// Number of ERROR or MISSING nodes: parts of the file that did not parse.
    pub errors: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ParseError {
    #[error("parsing stopped: the file's time budget ran out")]
    Budget,
    #[error("the parser gave up on this file")]
    Failed,
}

impl Tree {
    /// Parses `src` with `grammar`, stopping when `budget` runs out.
    pub fn parse(grammar: Grammar, src: String, budget: &Budget) -> Result<Tree, ParseError> {
        let tables = grammar.tables();
        let mut parser = tree_sitter::Parser::new();
        parser
            .set_language(&tables.language)
            .map_err(|_| ParseError::Failed)?;
        let mut out_of_time = false;
        let mut cb = |_: &tree_sitter::ParseState| {
            if budget.exceeded() {
                out_of_time = true;
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        };
        let bytes = src.as_bytes();
        let ts = parser.parse_with_options(
            &mut |i: usize, _| if i < bytes.len() { &bytes[i..] } else { &[] },
            None,
            Some(tree_sitter::ParseOptions::new().progress_callback(&mut cb)),
        );
        let Some(ts) = ts else {
            return Err(if out_of_time {
                ParseError::Budget
            } else {
                ParseError::Failed
            });
        };
        Ok(Tree::from_ts(grammar, src, &ts))
    }

    fn from_ts(grammar: Grammar, src: String, ts: &tree_sitter::Tree) -> Tree {
        let spec = grammar.spec();
        let tables = grammar.tables();
        let mut t = Tree {
            grammar,
            nodes: Vec::new(),
            child_ids: Vec::new(),
            line_starts: line_starts(&src),
            src,
            errors: 0,
        };
        let mut kids: Vec<Vec<NodeId>> = Vec::new();
        // Explicit work stack (no recursion): (node, arena parent, field in parent).
        let mut work: Vec<(tree_sitter::Node, NodeId, &'static str)> =
            vec![(ts.root_node(), NodeId::MAX, "")];
        let mut children = Vec::new();
        while let Some((node, parent, field)) = work.pop() {
            let kind = tables
                .kinds
                .get(node.kind_id() as usize)
                .copied()
                .unwrap_or("ERROR");
            if node.is_error() || node.is_missing() {
                t.errors += 1;
            }
            if spec.is(spec.comment_kinds, kind)
                || (!node.is_named() && (kind == "," || kind == ";"))
                || (node.is_missing() && !node.is_named())
            {
                continue;
            }
            children.clear();
            let mut c = node.walk();
            if c.goto_first_child() {
                loop {
                    let f = c.field_id().map_or("", |f| tables.fields[f.get() as usize]);
                    children.push((c.node(), f));
                    if !c.goto_next_sibling() {
                        break;
                    }
                }
            }
            if spec.is(spec.unwrap_kinds, kind) {
                let named: Vec<_> = children
                    .iter()
                    .filter(|(n, _)| n.is_named() && !spec.is(spec.comment_kinds, n.kind()))
                    .collect();
                if named.len() == 1 {
                    work.push((named[0].0, parent, field));
                    continue;
                }
            }
            let id = t.nodes.len() as NodeId;
            t.nodes.push(Node {
                kind,
                field,
                named: node.is_named(),
                start: node.start_byte() as u32,
                end: node.end_byte() as u32,
                parent,
                first_child: 0,
                child_count: 0,
                subtree_end: id + 1,
            });
            kids.push(Vec::new());
            if parent != NodeId::MAX {
                kids[parent as usize].push(id);
            }
            for (n, f) in children.iter().rev() {
                work.push((*n, id, f));
            }
        }
        for (i, k) in kids.iter().enumerate() {
            t.nodes[i].first_child = t.child_ids.len() as u32;
            t.nodes[i].child_count = k.len() as u32;
            t.child_ids.extend_from_slice(k);
        }
        for i in (0..t.nodes.len()).rev() {
            if let Some(last) = kids[i].last() {
                t.nodes[i].subtree_end = t.nodes[*last as usize].subtree_end;
            }
        }
        t
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    pub fn children(&self, id: NodeId) -> &[NodeId] {
        let n = &self.nodes[id as usize];
        &self.child_ids[n.first_child as usize..(n.first_child + n.child_count) as usize]
    }

    pub fn named_children(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        self.children(id)
            .iter()
            .copied()
            .filter(|c| self.nodes[*c as usize].named)
    }

    /// The first child in field `field`; for `""`, the first named child outside any
    /// field (grammars leave some operands unnamed: Python's `e as x`).
    pub fn field(&self, id: NodeId, field: &str) -> Option<NodeId> {
        self.children(id).iter().copied().find(|c| {
            let n = &self.nodes[*c as usize];
            n.field == field && (n.named || !field.is_empty())
        })
    }

    pub fn text(&self, id: NodeId) -> &str {
        let n = &self.nodes[id as usize];
        self.src.get(n.start as usize..n.end as usize).unwrap_or("")
    }

    /// Every node of the subtree rooted at `id`, `id` first (pre-order).
    pub fn subtree(&self, id: NodeId) -> std::ops::Range<NodeId> {
        id..self.nodes[id as usize].subtree_end
    }

    /// 1-based line and column (in bytes) of a byte offset.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        (line as u32 + 1, offset - self.line_starts[line] + 1)
    }

    /// The smallest node whose range is exactly `start..end`, searching from `from`.
    pub fn node_at(&self, from: NodeId, start: u32, end: u32) -> Option<NodeId> {
        let mut cur = from;
        let mut found = None;
        loop {
            let n = self.node(cur);
            if n.start == start && n.end == end {
                found = Some(cur);
            }
            let next = self.children(cur).iter().copied().find(|c| {
                let c = self.node(*c);
                c.start <= start && c.end >= end
            });
            match next {
                Some(c) => cur = c,
                None => return found,
            }
        }
    }
}

fn line_starts(src: &str) -> Vec<u32> {
    let mut v = vec![0];
    v.extend(memchr_lines(src.as_bytes()));
    v
}

fn memchr_lines(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.iter()
        .enumerate()
        .filter(|(_, c)| **c == b'\n')
        .map(|(i, _)| i as u32 + 1)
}

/// Spec of a tree's grammar.
pub fn spec(t: &Tree) -> &'static LangSpec {
    t.grammar.spec()
}
