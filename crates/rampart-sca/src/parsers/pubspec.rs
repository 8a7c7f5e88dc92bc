//! Dart/Flutter `pubspec.lock`.

use serde_json::Value;

use super::{ParseError, yaml_value};
use crate::inventory::{Lines, Package};

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let doc = yaml_value(text)?;
    let lines = Lines::new(text);
    let mut out = Vec::new();
    let Some(pkgs) = doc.get("packages").and_then(Value::as_object) else {
        if doc.is_object() || doc.is_null() {
            return Ok(out);
        }
        return Err(ParseError::new(1, "a pubspec.lock is a YAML mapping"));
    };
    for (name, p) in pkgs {
        let version = p.get("version").and_then(Value::as_str).unwrap_or("");
        let line = lines.key(name, 0, Some(2), None).map_or(0, |(l, _)| l);
        let mut pkg = Package::new("Pub", name.as_str(), version).at(line);
        if let Some(dep) = p.get("dependency").and_then(Value::as_str) {
            pkg.direct = Some(dep.starts_with("direct"));
            pkg.dev = Some(dep == "direct dev");
        }
        out.push(pkg);
    }
    Ok(out)
}
