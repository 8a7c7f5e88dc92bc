//! `yarn.lock`, both Yarn v1 (`version "1.2.3"`) and Berry (YAML-like, `version: 1.2.3`,
//! `resolution: "name@npm:1.2.3"`). A block per resolved package; its header lists the
//! requested ranges.

use super::{ParseError, sri_hash};
use crate::inventory::{Package, link};

/// `"@scope/name@^1.0.0", "@scope/name@^1.2.0":` → `@scope/name`; an alias
/// (`alias@npm:real@^1`) gives the real name.
fn name_of(spec: &str) -> String {
    let s = spec.trim().trim_start_matches('"');
    let s = s
        .split(',')
        .next()
        .unwrap_or(s)
        .trim()
        .trim_end_matches(':')
        .trim_matches('"');
    let (scoped, body) = match s.strip_prefix('@') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let (name, right) = body.split_once('@').unwrap_or((body, ""));
    if let Some(real) = right.strip_prefix("npm:")
        && real.contains('@')
    {
        return name_of(real);
    }
    if scoped {
        format!("@{name}")
    } else {
        name.to_string()
    }
}

fn field<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    // Keys may be quoted: `"version" "0.0.1"`.
    let line = match line.strip_prefix('"') {
        Some(l) if l.starts_with(key) && l[key.len()..].starts_with('"') => &l[key.len() + 1..],
        _ => line.strip_prefix(key).map(|_| &line[key.len()..])?,
    };
    let rest = line;
    let rest = rest.strip_prefix(':').unwrap_or(rest);
    if !rest.starts_with(' ') {
        return None;
    }
    Some(rest.trim().trim_matches('"'))
}

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let mut out: Vec<Package> = Vec::new();
    let mut wanted: Vec<Vec<(String, Option<String>)>> = Vec::new();
    let mut in_deps = false;
    let mut skip = false;
    let mut workspace_deps: Vec<String> = Vec::new();
    let mut current_is_workspace = false;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        let line = raw.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if !line.starts_with(' ') {
            if !line.ends_with(':') {
                return Err(ParseError::new(
                    line_no,
                    format!(
                        "expected a package header ending in `:`, found `{}`",
                        short(line)
                    ),
                ));
            }
            skip = line == "__metadata:";
            in_deps = false;
            current_is_workspace = false;
            if !skip {
                out.push(Package::new("npm", name_of(line), "").at(line_no));
                wanted.push(Vec::new());
            }
            continue;
        }
        if skip || out.is_empty() {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let t = line.trim_start();
        let cur = out.len() - 1;
        if indent <= 2 {
            in_deps = matches!(
                t,
                "dependencies:" | "optionalDependencies:" | "peerDependencies:"
            );
            if let Some(v) = field(t, "version") {
                out[cur].version = v.to_string();
            } else if let Some(r) = field(t, "resolution") {
                if r.contains("@workspace:") {
                    current_is_workspace = true;
                }
            } else if let Some(h) = field(t, "integrity").and_then(sri_hash) {
                out[cur].hashes.push(h);
            } else if let Some(c) = field(t, "checksum") {
                // Berry's checksum is a hash of its zip cache, not of the registry tarball.
                let _ = c;
            }
        } else if in_deps {
            let (n, v) = match t.split_once([' ', ':']) {
                Some((n, v)) => (
                    n.trim_matches('"'),
                    v.trim().trim_start_matches(':').trim().trim_matches('"'),
                ),
                None => (t.trim_matches('"'), ""),
            };
            let n = match v.strip_prefix("npm:").filter(|r| r.contains('@')) {
                Some(real) => name_of(real),
                None => n.to_string(),
            };
            if current_is_workspace {
                workspace_deps.push(n.clone());
            }
            wanted[cur].push((n, None));
        }
        if current_is_workspace {
            out[cur].direct = Some(true);
        }
    }
    for p in out.iter_mut() {
        if p.direct.is_none() && !workspace_deps.is_empty() {
            p.direct = Some(workspace_deps.contains(&p.name));
        }
    }
    link(&mut out, &wanted);
    Ok(out)
}

pub(crate) fn short(s: &str) -> String {
    let mut t: String = s.chars().take(60).collect();
    if t.len() < s.len() {
        t.push('…');
    }
    t
}
