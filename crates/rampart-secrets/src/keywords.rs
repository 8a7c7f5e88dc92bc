//! The keyword pass: where in a buffer any rule's keyword occurs (ASCII case-insensitive,
//! overlapping, every occurrence). It is the one pass over every byte, so it decides the
//! analyzer's speed; everything after it runs only on the lines it points at.
//!
//! Two engines with one contract: Aho-Corasick (pure Rust, the portable default) and, with the
//! `vectorscan` cargo feature, Vectorscan's literal matcher (SIMD, several times faster; needs
//! Debian's `libvectorscan-dev` at build time and links it statically). ARCHITECTURE.md has the
//! measurements behind the choice.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

#[cfg(feature = "vectorscan")]
mod vectorscan;

/// All occurrences of a set of keywords.
pub(crate) enum KeywordIndex {
    Aho(AhoCorasick),
    #[cfg(feature = "vectorscan")]
    Vectorscan(vectorscan::LiteralSet),
}

impl KeywordIndex {
    /// The fastest engine compiled in. Keywords must be non-empty.
    pub(crate) fn new(keywords: &[String]) -> KeywordIndex {
        #[cfg(feature = "vectorscan")]
        match vectorscan::LiteralSet::new(keywords) {
            Ok(set) => return KeywordIndex::Vectorscan(set),
            // A CPU without SSSE3, or a keyword Vectorscan refuses: the portable engine still works.
            Err(e) => eprintln!("warning: Vectorscan unavailable ({e}); using Aho-Corasick"),
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

    /// Which engine this is (for `--version` style diagnostics and tests).
    pub(crate) fn engine(&self) -> &'static str {
        match self {
            KeywordIndex::Aho(_) => "aho-corasick",
            #[cfg(feature = "vectorscan")]
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
            #[cfg(feature = "vectorscan")]
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
        #[cfg(feature = "vectorscan")]
        assert_eq!(fastest.engine(), "vectorscan");
        assert_eq!(
            hits(&fastest, text),
            expected,
            "engine {}",
            fastest.engine()
        );
    }
}
