//! The keyword pass: where in a buffer any rule's keyword occurs (ASCII case-insensitive,
//! overlapping, every occurrence). It is the one pass over every byte, so it decides the
//! analyzer's speed; everything after it runs only on the lines it points at.
//!
//! Two engines with one contract: Aho-Corasick (pure Rust, portable) and Vectorscan's literal
//! matcher (SIMD, several times faster), compiled in when `build.rs` finds the static library
//! of Debian's `libvectorscan-dev` (the `vectorscan` cfg). ARCHITECTURE.md has the measurements
//! behind the choice.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

#[cfg(vectorscan)]
mod vectorscan;

/// The engine a scan uses when it can (shown by `rampart --version`).
pub(crate) const PREFERRED_ENGINE: &str = if cfg!(vectorscan) {
    "vectorscan"
} else {
    "aho-corasick"
};

/// All occurrences of a set of keywords.
pub(crate) enum KeywordIndex {
    Aho(AhoCorasick),
    #[cfg(vectorscan)]
    Vectorscan(vectorscan::LiteralSet),
}

impl KeywordIndex {
    /// The fastest engine compiled in. With no keywords (custom rules that all lack them) the
    /// portable engine, which then matches nothing: Vectorscan refuses an empty set.
    pub(crate) fn new(keywords: &[String]) -> KeywordIndex {
        #[cfg(vectorscan)]
        if !keywords.is_empty() {
            match vectorscan::LiteralSet::new(keywords) {
                Ok(set) => return KeywordIndex::Vectorscan(set),
                // A CPU without SSSE3, or a keyword Vectorscan refuses: the portable engine works.
                Err(e) => eprintln!("warning: Vectorscan unavailable ({e}); using Aho-Corasick"),
            }
        }
        KeywordIndex::aho(keywords)
    }

    /// The portable engine, whatever is compiled in.
    pub(crate) fn aho(keywords: &[String]) -> KeywordIndex {
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            // Overlapping search: `sk-` must still be seen inside `sk-ant-`.
            .match_kind(MatchKind::Standard)
            // A full DFA: a few MB for hundreds of keywords, and the fastest overlapping search.
            .kind(Some(AhoCorasickKind::DFA))
            .build(keywords)
            .expect("keyword automaton");
        KeywordIndex::Aho(automaton)
    }

    #[cfg(test)]
    fn engine(&self) -> &'static str {
        match self {
            KeywordIndex::Aho(_) => "aho-corasick",
            #[cfg(vectorscan)]
            KeywordIndex::Vectorscan(_) => "vectorscan",
        }
    }

    /// Calls `hit(keyword, start, end)` for every occurrence of every keyword.
    pub(crate) fn for_each(&self, bytes: &[u8], mut hit: impl FnMut(usize, usize, usize)) {
        match self {
            KeywordIndex::Aho(ac) => {
                for m in ac.find_overlapping_iter(bytes) {
                    hit(m.pattern().as_usize(), m.start(), m.end());
                }
            }
            #[cfg(vectorscan)]
            KeywordIndex::Vectorscan(set) => set.for_each(bytes, &mut hit),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(index: &KeywordIndex, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        index.for_each(text.as_bytes(), |k, s, e| out.push((k, s, e)));
        out.sort_unstable();
        out
    }

    #[test]
    fn every_engine_finds_every_overlapping_case_insensitive_occurrence() {
        let keywords: Vec<String> = ["sk-", "sk-ant-", "password", "AKIA"]
            .map(String::from)
            .to_vec();
        let text = "x sk-ant-abc PASSWORD=1 akia sk- password";
        let expected = vec![
            (0, 2, 5),
            (0, 29, 32),
            (1, 2, 9),
            (2, 13, 21),
            (2, 33, 41),
            (3, 24, 28),
        ];
        let aho = KeywordIndex::aho(&keywords);
        assert_eq!(hits(&aho, text), expected);
        let fastest = KeywordIndex::new(&keywords);
        #[cfg(vectorscan)]
        assert_eq!(fastest.engine(), "vectorscan");
        assert_eq!(
            hits(&fastest, text),
            expected,
            "engine {}",
            fastest.engine()
        );
    }

    /// Custom rules may all lack keywords: no keyword set is an index that finds nothing.
    #[test]
    fn no_keywords_is_an_index_that_finds_nothing() {
        let index = KeywordIndex::new(&[]);
        assert_eq!(index.engine(), "aho-corasick");
        assert!(hits(&index, "password = hunter2").is_empty());
    }

    /// Both engines agree on every built-in keyword over every rule's examples (positive and
    /// negative), which are texts written to exercise exactly these keywords.
    #[test]
    fn engines_agree_on_the_builtin_rules() {
        let specs = crate::rule::builtin_specs().expect("built-in rules");
        let mut keywords: Vec<String> = specs
            .iter()
            .flat_map(|(_, s)| s.keywords.iter().map(|k| k.to_ascii_lowercase()))
            .collect();
        keywords.sort();
        keywords.dedup();
        let aho = KeywordIndex::aho(&keywords);
        let fastest = KeywordIndex::new(&keywords);
        let mut texts: Vec<String> = specs
            .iter()
            .flat_map(|(_, s)| s.examples.iter().chain(&s.negative_examples).cloned())
            .collect();
        texts.push(texts.join("\n"));
        for text in &texts {
            assert_eq!(hits(&aho, text), hits(&fastest, text), "{text}");
        }
    }
}
