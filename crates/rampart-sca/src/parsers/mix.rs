//! Elixir `mix.lock`: one `"name": {:hex, :name, "version", "hash", [builders], [deps], "repo",
//! "outer hash"}` per line; git dependencies have a commit, not a version.

use super::{ParseError, hex_hash};
use crate::inventory::{Package, link};

/// The double-quoted strings of a line, in order.
fn strings(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(a) = rest.find('"') {
        let after = &rest[a + 1..];
        let Some(b) = after.find('"') else { break };
        out.push(&after[..b]);
        rest = &after[b + 1..];
    }
    out
}

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let mut out = Vec::new();
    let mut wanted = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line == "%{" || line == "}" || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once("\": {") else {
            return Err(ParseError::new(i as u32 + 1, "expected `\"name\": {…}`"));
        };
        let name = key.trim_start_matches('"');
        let value = value.trim();
        let strs = strings(value);
        let (version, hash) = if value.starts_with(":hex,") {
            (strs.first().copied().unwrap_or(""), strs.get(1).copied())
        } else {
            ("", None)
        };
        let mut p = Package::new("Hex", name, version).at(i as u32 + 1);
        if let Some(h) = hash.and_then(|h| hex_hash("SHA-256", h)) {
            p.hashes.push(h);
        }
        // Dependencies: `{:name, "~> 1.0", [hex: :name, …]}` inside the deps list.
        let deps = value
            .match_indices("{:")
            .skip(1)
            .filter_map(|(at, _)| {
                let n: String = value[at + 2..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                (!n.is_empty()).then_some((n, None))
            })
            .collect();
        out.push(p);
        wanted.push(deps);
    }
    link(&mut out, &wanted);
    Ok(out)
}
