//! Prints the normalised tree of a file or of a pattern: `dump FILE` or `dump --pattern LANG TEXT`.

use rampart_engine::Budget;
use rampart_sast::Grammar;
use rampart_sast::tree::Tree;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args[0] == "--compile" {
        let g = Grammar::for_rule_language(&args[1]).expect("language")[0];
        let mut i = rampart_sast::pattern::Interner::default();
        let p = rampart_sast::pattern::Pattern::compile(&args[2], g, &mut i).expect("compiles");
        println!(
            "wrapped: {:?}\nroot: {:?}\nwords: {:?}",
            p.tree.src, p.root, p.words
        );
        let roots = match &p.root {
            rampart_sast::pattern::Root::Node(n) => vec![*n],
            rampart_sast::pattern::Root::Seq(v) => v.clone(),
        };
        for r in roots {
            for id in p.tree.subtree(r) {
                let n = p.tree.node(id);
                println!(
                    "  {id} {} {:?} {:?}",
                    n.kind,
                    p.tree.text(id).chars().take(40).collect::<String>(),
                    p.class[id as usize]
                );
            }
        }
        return;
    }
    let (grammar, src) = if args[0] == "--pattern" {
        let g = Grammar::for_rule_language(&args[1]).expect("language")[0];
        (g, rampart_sast::pattern::substitute(&args[2], g))
    } else {
        let g = Grammar::for_path(&args[0]).expect("grammar");
        (g, std::fs::read_to_string(&args[0]).expect("read"))
    };
    let t = Tree::parse(grammar, src, &Budget::unlimited()).expect("parse");
    let mut depth = vec![0usize; t.len()];
    for id in 0..t.len() as u32 {
        let n = t.node(id);
        if n.parent != u32::MAX {
            depth[id as usize] = depth[n.parent as usize] + 1;
        }
        let text: String = t.text(id).chars().take(50).collect();
        println!(
            "{}{}{} {:?}{}",
            "  ".repeat(depth[id as usize]),
            if n.field.is_empty() {
                String::new()
            } else {
                format!("{}: ", n.field)
            },
            n.kind,
            text.replace('\n', "⏎"),
            if n.named { "" } else { " (anon)" }
        );
    }
}
