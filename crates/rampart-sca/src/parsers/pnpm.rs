//! `pnpm-lock.yaml`, lockfile versions 5.x (`/name/1.2.3_peer`), 6.x (`/name@1.2.3(peer)`)
//! and 9.x (`name@1.2.3`, importers).

use serde_json::Value;

use super::{ParseError, sri_hash, yaml_value};
use crate::inventory::{Lines, Package, link};

/// Strips pnpm's peer-dependency suffixes: `1.2.3_react@18.0.0`, `1.2.3(react@18.0.0)`.
fn clean_version(v: &str) -> &str {
    let v = v.split('(').next().unwrap_or(v);
    v.split('_').next().unwrap_or(v)
}

fn split_name_at(s: &str) -> (String, String) {
    let (scoped, body) = match s.strip_prefix('@') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let (name, version) = body.split_once('@').unwrap_or((body, ""));
    let name = if scoped {
        format!("@{name}")
    } else {
        name.to_string()
    };
    (name, version.to_string())
}

/// Name and version from a `packages:` key; `Ok(None)` for keys that name no registry version.
fn name_version(key: &str, major: u64) -> Result<Option<(String, String)>, String> {
    if key.starts_with("file:") {
        return Ok(None);
    }
    if major >= 9 {
        let (n, v) = split_name_at(key.trim_matches('\''));
        return Ok(Some((n, clean_version(&v).to_string())));
    }
    let parts: Vec<&str> = key.split('/').collect();
    if parts.len() == 1 {
        return Err(format!("invalid package path `{key}`"));
    }
    let rest = &parts[1..];
    let (mut name, rest) = if rest[0].starts_with('@') && rest.len() > 1 {
        (format!("{}/{}", rest[0], rest[1]), &rest[2..])
    } else {
        (rest[0].to_string(), &rest[1..])
    };
    let mut version = rest.first().map(|s| s.to_string()).unwrap_or_default();
    if version.is_empty() {
        let cleaned = name.split('(').next().unwrap_or(&name).to_string();
        if let Some(at) = cleaned.rfind('@').filter(|&i| i > 0) {
            version = cleaned[at + 1..].to_string();
            name = cleaned[..at].to_string();
        }
    }
    if !version.starts_with(|c: char| c.is_ascii_digit()) {
        return Ok(None);
    }
    Ok(Some((name, clean_version(&version).to_string())))
}

fn direct_names(doc: &Value) -> Vec<String> {
    let groups = ["dependencies", "devDependencies", "optionalDependencies"];
    let mut out = Vec::new();
    let mut scan = |v: &Value| {
        for g in groups {
            if let Some(m) = v.get(g).and_then(Value::as_object) {
                out.extend(m.keys().cloned());
            }
        }
    };
    scan(doc);
    if let Some(imp) = doc.get("importers").and_then(Value::as_object) {
        for v in imp.values() {
            scan(v);
        }
    }
    out
}

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let doc = yaml_value(text)?;
    if doc.is_null() {
        return Ok(Vec::new());
    }
    if !doc.is_object() {
        return Err(ParseError::new(1, "a pnpm-lock.yaml is a YAML mapping"));
    }
    let major = match doc.get("lockfileVersion") {
        Some(Value::Number(n)) => n.as_f64().unwrap_or(5.0) as u64,
        Some(Value::String(s)) => s
            .split('.')
            .next()
            .and_then(|m| m.parse().ok())
            .unwrap_or(5),
        _ => 5,
    };
    let lines = Lines::new(text);
    let direct = direct_names(&doc);
    let mut out = Vec::new();
    let mut wanted = Vec::new();
    let Some(pkgs) = doc.get("packages").and_then(Value::as_object) else {
        return Ok(out);
    };
    for (key, p) in pkgs {
        let line = lines.key(key, 0, Some(2), None).map_or(0, |(l, _)| l);
        let nv = name_version(key, major).map_err(|m| ParseError::new(line, m))?;
        let (mut name, mut version) = nv.unwrap_or_default();
        if let Some(n) = p.get("name").and_then(Value::as_str) {
            name = n.to_string();
        }
        if let Some(v) = p.get("version").and_then(Value::as_str) {
            version = v.to_string();
        }
        if name.is_empty() || version.is_empty() {
            continue;
        }
        let mut pkg = Package::new("npm", name, version).at(line);
        pkg.dev = p.get("dev").and_then(Value::as_bool);
        pkg.direct = Some(direct.contains(&pkg.name));
        if let Some(h) = p
            .get("resolution")
            .and_then(|r| r.get("integrity"))
            .and_then(Value::as_str)
            .and_then(sri_hash)
        {
            pkg.hashes.push(h);
        }
        let deps: Vec<(String, Option<String>)> = ["dependencies", "optionalDependencies"]
            .iter()
            .filter_map(|g| p.get(*g).and_then(Value::as_object))
            .flat_map(|m| {
                m.iter()
                    .map(|(n, v)| (n.clone(), v.as_str().map(|s| clean_version(s).to_string())))
            })
            .collect();
        out.push(pkg);
        wanted.push(deps);
    }
    link(&mut out, &wanted);
    Ok(out)
}
