//! CWE → OWASP Top 10 (2021 and 2025) categories, from the OWASP "List of Mapped CWEs".

use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwaspCategory {
    /// `A07:2021`
    pub id: &'static str,
    pub title: &'static str,
}

struct Table {
    by_cwe: HashMap<u32, Vec<OwaspCategory>>,
}

fn parse(csv: &'static str) -> Table {
    let mut by_cwe: HashMap<u32, Vec<OwaspCategory>> = HashMap::new();
    for line in csv.lines().skip(1) {
        // id,title,cwe_ids — titles never contain commas in these files except quoted ones.
        let (id, rest) = line.split_once(',').expect("owasp csv: id");
        let (title, cwes) = rest.rsplit_once(',').expect("owasp csv: cwe list");
        let title = title.trim_matches('"');
        for cwe in cwes.split(';') {
            if let Some(n) = cwe.trim().strip_prefix("CWE-").and_then(|n| n.parse().ok()) {
                by_cwe
                    .entry(n)
                    .or_default()
                    .push(OwaspCategory { id, title });
            }
        }
    }
    Table { by_cwe }
}

fn lookup(table: &Table, cwes: &[u32]) -> Vec<OwaspCategory> {
    let mut out: Vec<OwaspCategory> = Vec::new();
    for cwe in cwes {
        for cat in table.by_cwe.get(cwe).into_iter().flatten() {
            if !out.contains(cat) {
                out.push(cat.clone());
            }
        }
    }
    out.sort_by_key(|c| c.id);
    out
}

/// OWASP Top 10:2021 categories for these CWEs.
pub fn owasp_2021(cwes: &[u32]) -> Vec<OwaspCategory> {
    static T: OnceLock<Table> = OnceLock::new();
    lookup(
        T.get_or_init(|| parse(include_str!("../data/owasp-top10-2021.csv"))),
        cwes,
    )
}

/// OWASP Top 10:2025 categories for these CWEs.
pub fn owasp_2025(cwes: &[u32]) -> Vec<OwaspCategory> {
    static T: OnceLock<Table> = OnceLock::new();
    lookup(
        T.get_or_init(|| parse(include_str!("../data/owasp-top10-2025.csv"))),
        cwes,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hard_coded_credentials_map_to_authentication_failures() {
        assert_eq!(owasp_2021(&[798])[0].id, "A07:2021");
        assert_eq!(owasp_2025(&[798])[0].id, "A07:2025");
    }

    #[test]
    fn a_cwe_in_two_categories_lists_both() {
        let ids: Vec<_> = owasp_2021(&[259]).iter().map(|c| c.id).collect();
        assert_eq!(ids, ["A02:2021", "A07:2021"]);
        assert!(owasp_2021(&[999_999]).is_empty());
    }
}
