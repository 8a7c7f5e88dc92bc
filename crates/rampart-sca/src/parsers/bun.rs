//! `bun.lock`: Bun's text lockfile, JSON with trailing commas. `packages` maps a key to
//! `["name@version", registry, {dependencies…}, integrity]`.

use serde_json::Value;

use super::{ParseError, json_error, sri_hash};
use crate::inventory::{Lines, Package, link};

/// Removes `//` comments and commas before `}` / `]`, outside strings (JSONC → JSON).
fn strip_jsonc(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut in_str = false;
    while i < b.len() {
        let c = b[i];
        if in_str {
            if c == b'\\' && i + 1 < b.len() {
                // The escaped character may be several bytes long (fuzzing found `\\¦`).
                let esc = text[i + 1..].chars().next().map_or(1, char::len_utf8);
                out.push_str(&text[i..i + 1 + esc]);
                i += 1 + esc;
                continue;
            }
            if c == b'"' {
                in_str = false;
            }
        } else if c == b'"' {
            in_str = true;
        } else if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        } else if c == b',' {
            let next = b[i + 1..].iter().find(|x| !x.is_ascii_whitespace());
            if matches!(next, Some(b'}' | b']')) {
                out.push(' ');
                i += 1;
                continue;
            }
        }
        let ch_len = text[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&text[i..i + ch_len]);
        i += ch_len;
    }
    out
}

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let doc: Value = serde_json::from_str(&strip_jsonc(text)).map_err(json_error)?;
    let lines = Lines::new(text);
    let mut direct = Vec::new();
    if let Some(ws) = doc.get("workspaces").and_then(Value::as_object) {
        for w in ws.values() {
            for g in ["dependencies", "devDependencies", "optionalDependencies"] {
                if let Some(m) = w.get(g).and_then(Value::as_object) {
                    direct.extend(m.keys().cloned());
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut wanted = Vec::new();
    let Some(pkgs) = doc.get("packages").and_then(Value::as_object) else {
        return Ok(out);
    };
    for (key, entry) in pkgs {
        let Some(arr) = entry.as_array() else {
            continue;
        };
        let Some(spec) = arr.first().and_then(Value::as_str) else {
            continue;
        };
        let (scoped, body) = match spec.strip_prefix('@') {
            Some(b) => (true, b),
            None => (false, spec),
        };
        let (name, version) = body.split_once('@').unwrap_or((body, ""));
        if version.starts_with("workspace:") {
            continue;
        }
        let name = if scoped {
            format!("@{name}")
        } else {
            name.to_string()
        };
        let version = if version.starts_with(|c: char| c.is_ascii_digit()) {
            version
        } else {
            ""
        };
        let mut p = Package::new("npm", name, version)
            .at(lines.key(key, 0, None, Some(b'[')).map_or(0, |(l, _)| l));
        let top = !key.contains('/') || key.starts_with('@') && key.matches('/').count() == 1;
        p.direct = Some(top && direct.contains(&p.name));
        if let Some(h) = arr.iter().rev().find_map(|v| v.as_str().and_then(sri_hash)) {
            p.hashes.push(h);
        }
        let deps = arr
            .iter()
            .find_map(Value::as_object)
            .map(|m| {
                ["dependencies", "optionalDependencies", "peerDependencies"]
                    .iter()
                    .filter_map(|g| m.get(*g).and_then(Value::as_object))
                    .flat_map(|d| d.keys().map(|k| (k.clone(), None)))
                    .collect()
            })
            .unwrap_or_default();
        out.push(p);
        wanted.push(deps);
    }
    link(&mut out, &wanted);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_multibyte_character_in_a_string() {
        // Regression: the lockfiles fuzz target (a backslash before a multi-byte character).
        let text = "{\"a\": \"x\\\u{a6}y\", \"b\": 1,}";
        assert_eq!(strip_jsonc(text), "{\"a\": \"x\\\u{a6}y\", \"b\": 1 }");
        assert!(parse("\"a=.\"\"\"\\\u{3}\\\u{a6}\u{a6}\\B\r\\\\").is_err());
    }

    #[test]
    fn bun_lock_with_trailing_commas() {
        let text = r#"{
  "lockfileVersion": 1,
  "workspaces": {
    "": {
      "name": "app",
      "dependencies": { "lodash": "^4.17.20", },
    },
  },
  "packages": {
    "lodash": ["lodash@4.17.20", "", {}, "sha512-PlhdFcillOINfeV7Ni6oF1TAEayyZBoZ8bcshTHqOYJYlrqzRK5hagpagky5o4HfCzzd1TRkXPMFq6cKk9rGmA=="],
    "@types/node": ["@types/node@20.1.0", "", { "dependencies": { "undici-types": "~5.26.4" } }, "sha512-x"],
    "undici-types": ["undici-types@5.26.5", "", {}, ""],
  },
}"#;
        let p = parse(text).unwrap();
        assert_eq!(p.len(), 3);
        let by = |n: &str| p.iter().position(|x| x.name == n).unwrap();
        let lodash = &p[by("lodash")];
        assert_eq!((lodash.version.as_str(), lodash.line), ("4.17.20", 10));
        assert_eq!(lodash.direct, Some(true));
        assert_eq!(lodash.hashes[0].0, "SHA-512");
        assert_eq!(p[by("@types/node")].deps, vec![by("undici-types")]);
        assert_eq!(p[by("undici-types")].direct, Some(false));
    }
}
