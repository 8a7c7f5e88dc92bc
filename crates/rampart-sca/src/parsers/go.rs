//! `go.mod` (require, replace, `// indirect`, the `go` and `toolchain` directives) and `go.sum`.
//! Versions are reported without the `v`, as OSV's Go records write them.

use super::ParseError;
use crate::inventory::Package;

struct Replace {
    old: String,
    old_version: Option<String>,
    new: String,
    new_version: Option<String>,
}

fn strip_v(v: &str) -> String {
    v.strip_prefix('v').unwrap_or(v).to_string()
}

fn unquote(s: &str) -> &str {
    s.trim().trim_matches('"').trim_matches('`')
}

pub fn go_mod(text: &str) -> Result<Vec<Package>, ParseError> {
    let mut out: Vec<Package> = Vec::new();
    let mut replaces = Vec::new();
    let mut block: Option<String> = None;
    let mut go_version = None;
    let mut toolchain = None;
    for (i, raw) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        let (code, comment) = match raw.find("//") {
            Some(p) => (&raw[..p], &raw[p + 2..]),
            None => (raw, ""),
        };
        let code = code.trim();
        if code.is_empty() {
            continue;
        }
        let (verb, rest) = match &block {
            Some(b) if code == ")" => {
                let _ = b;
                block = None;
                continue;
            }
            Some(b) => (b.clone(), code.to_string()),
            None => {
                let (v, r) = code.split_once(char::is_whitespace).unwrap_or((code, ""));
                let r = r.trim();
                if r == "(" {
                    block = Some(v.to_string());
                    continue;
                }
                (v.to_string(), r.to_string())
            }
        };
        match verb.as_str() {
            "module" | "exclude" | "retract" | "godebug" | "tool" | "ignore" => {}
            "go" => go_version = Some(rest.trim().to_string()),
            "toolchain" => toolchain = Some(rest.trim().trim_start_matches("go").to_string()),
            "require" => {
                let parts: Vec<&str> = rest.split_whitespace().collect();
                if parts.len() < 2 {
                    return Err(ParseError::new(
                        line_no,
                        format!("require needs a module and a version: `{}`", rest.trim()),
                    ));
                }
                let mut p =
                    Package::new("Go", unquote(parts[0]), strip_v(unquote(parts[1]))).at(line_no);
                p.direct = Some(!comment.trim().starts_with("indirect"));
                out.push(p);
            }
            "replace" => {
                let Some((l, r)) = rest.split_once("=>") else {
                    return Err(ParseError::new(line_no, "replace needs `=>`"));
                };
                let l: Vec<&str> = l.split_whitespace().collect();
                let r: Vec<&str> = r.split_whitespace().collect();
                if l.is_empty() || r.is_empty() {
                    return Err(ParseError::new(
                        line_no,
                        "replace needs a module on both sides of `=>`",
                    ));
                }
                replaces.push(Replace {
                    old: unquote(l[0]).to_string(),
                    old_version: l.get(1).map(|v| strip_v(unquote(v))),
                    new: unquote(r[0]).to_string(),
                    new_version: r.get(1).map(|v| strip_v(unquote(v))),
                });
            }
            other => {
                return Err(ParseError::new(
                    line_no,
                    format!("unknown go.mod directive `{other}`"),
                ));
            }
        }
    }
    if block.is_some() {
        return Err(ParseError::new(
            text.lines().count() as u32,
            "unclosed `(` block",
        ));
    }
    for r in &replaces {
        for p in out.iter_mut() {
            if p.name == r.old && r.old_version.as_ref().is_none_or(|v| *v == p.version) {
                p.name = r.new.clone();
                // A local directory replacement has no version.
                p.version = match &r.new_version {
                    Some(v) => v.clone(),
                    None if r.new.starts_with('.') || r.new.starts_with('/') => String::new(),
                    None => p.version.clone(),
                };
            }
        }
    }
    // The standard library: the toolchain directive says which Go builds the module; without
    // it only the minimum language version is known, which is listed but not matched (see
    // `sca::stdlib_version`).
    let from_toolchain = toolchain.is_some();
    if let Some(v) = toolchain.or(go_version) {
        let line = text
            .lines()
            .position(|l| {
                l.trim_start()
                    .starts_with(if from_toolchain { "toolchain " } else { "go " })
            })
            .map_or(0, |i| i as u32 + 1);
        let mut p = Package::new("Go", "stdlib", v).at(line);
        if from_toolchain {
            p.direct = Some(true);
        }
        out.push(p);
    }
    // Two requirements replaced by the same module are one module.
    Ok(crate::inventory::dedupe(out, |_, _| true))
}

/// `go.sum`: every module version the build may use (`/go.mod`-only lines are not modules
/// that are built).
pub fn go_sum(text: &str) -> Result<Vec<Package>, ParseError> {
    let mut out: Vec<Package> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if parts.is_empty() {
            continue;
        }
        if parts.len() != 3 {
            return Err(ParseError::new(
                i as u32 + 1,
                "expected `module version hash`",
            ));
        }
        if parts[1].ends_with("/go.mod") {
            continue;
        }
        let v = strip_v(parts[1]);
        if !out.iter().any(|p| p.name == parts[0] && p.version == v) {
            out.push(Package::new("Go", parts[0], v).at(i as u32 + 1));
        }
    }
    Ok(out)
}
