//! NuGet `packages.lock.json`: one section per target framework; `type` says Direct or
//! Transitive.

use serde_json::Value;

use super::{ParseError, json_error};
use crate::inventory::{Lines, Package, dedupe, link};

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let doc: Value = serde_json::from_str(text).map_err(json_error)?;
    let lines = Lines::new(text);
    let mut out = Vec::new();
    let mut wanted = Vec::new();
    let Some(frameworks) = doc.get("dependencies").and_then(Value::as_object) else {
        return Ok(out);
    };
    for (fw, deps) in frameworks {
        let (_, from) = lines.find(&format!("\"{fw}\""), 0).unwrap_or((0, 0));
        let Some(deps) = deps.as_object() else {
            continue;
        };
        for (name, d) in deps {
            let kind = d.get("type").and_then(Value::as_str).unwrap_or("");
            if kind.eq_ignore_ascii_case("project") {
                continue;
            }
            let Some(version) = d.get("resolved").and_then(Value::as_str) else {
                continue;
            };
            let line = lines
                .key(name, from, None, Some(b'{'))
                .map_or(0, |(l, _)| l);
            let mut p = Package::new("NuGet", name, version).at(line);
            p.direct = Some(kind.eq_ignore_ascii_case("direct"));
            if let Some(h) = d
                .get("contentHash")
                .and_then(Value::as_str)
                .and_then(|b| super::sri_hash(&format!("sha512-{b}")))
            {
                p.hashes.push(h);
            }
            let ds = d
                .get("dependencies")
                .and_then(Value::as_object)
                .map(|m| m.keys().map(|k| (k.clone(), None)).collect())
                .unwrap_or_default();
            out.push(p);
            wanted.push(ds);
        }
    }
    link(&mut out, &wanted);
    Ok(dedupe(out, |_, _| true))
}
