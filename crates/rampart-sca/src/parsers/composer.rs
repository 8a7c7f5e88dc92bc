//! `composer.lock`: `packages` and `packages-dev`.

use serde_json::Value;

use super::{ParseError, hex_hash, json_error};
use crate::inventory::{Lines, Package, link};

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let doc: Value = serde_json::from_str(text).map_err(json_error)?;
    let lines = Lines::new(text);
    let mut out = Vec::new();
    let mut wanted = Vec::new();
    for (section, dev) in [("packages", false), ("packages-dev", true)] {
        let Some(list) = doc.get(section).and_then(Value::as_array) else {
            continue;
        };
        let (_, from) = lines.find(&format!("\"{section}\""), 0).unwrap_or((0, 0));
        for p in list {
            let (Some(name), Some(version)) = (
                p.get("name").and_then(Value::as_str),
                p.get("version").and_then(Value::as_str),
            ) else {
                continue;
            };
            let line = lines
                .find(&format!("\"name\": \"{name}\""), from)
                .map_or(0, |(l, _)| l);
            let mut pkg = Package::new("Packagist", name, version).at(line);
            pkg.dev = Some(dev);
            if let Some(h) = p
                .get("dist")
                .and_then(|d| d.get("shasum"))
                .and_then(Value::as_str)
                .and_then(|s| hex_hash("SHA-1", s))
            {
                pkg.hashes.push(h);
            }
            if let Some(l) = p.get("license").and_then(Value::as_array) {
                let ls: Vec<&str> = l.iter().filter_map(Value::as_str).collect();
                if !ls.is_empty() {
                    pkg.license = Some(if ls.len() == 1 {
                        ls[0].to_string()
                    } else {
                        format!("({})", ls.join(" OR "))
                    });
                }
            }
            let deps = p
                .get("require")
                .and_then(Value::as_object)
                .map(|m| {
                    m.keys()
                        .filter(|k| k.contains('/'))
                        .map(|k| (k.to_ascii_lowercase(), None))
                        .collect()
                })
                .unwrap_or_default();
            out.push(pkg);
            wanted.push(deps);
        }
    }
    link(&mut out, &wanted);
    Ok(out)
}
