//! Python: `requirements*.txt` (pins, `-r` includes, markers, hashes, line continuations),
//! `poetry.lock`, `Pipfile.lock`, `pdm.lock`, `uv.lock`. Names are PEP 503-normalised.

use std::collections::HashSet;

use serde_json::Value;

use super::{Include, ParseError, hex_hash, json_error, toml_error};
use crate::inventory::{Lines, Package, dedupe, link};

fn pep503(name: &str) -> String {
    rampart_advisories::osv::normalize_name("PyPI", name)
}

/// `requirements.txt`. A pinned requirement (`==`, `===`) gives its version; `>=`/`~=` give the
/// lowest allowed one (what osv-scanner reports, so that a range that admits a vulnerable
/// version is flagged); anything else has no version.
pub fn requirements(text: &str, include: Include) -> Result<Vec<Package>, ParseError> {
    let mut seen = HashSet::from([String::new()]);
    let mut out = Vec::new();
    requirements_into(text, include, &mut seen, &mut out, true, "")?;
    Ok(dedupe(out, |_, _| true))
}

fn requirements_into(
    text: &str,
    include: Include,
    seen: &mut HashSet<String>,
    out: &mut Vec<Package>,
    top: bool,
    from: &str,
) -> Result<(), ParseError> {
    for (start_line, logical) in logical_lines(text) {
        let l = strip_comment(&logical).trim().to_string();
        if let Some(target) = include_target(&l) {
            let key = join(from, target);
            // Bounded as well as cycle-free: a hostile file cannot make us read forever.
            if seen.len() >= 256 || !seen.insert(key.clone()) {
                continue;
            }
            let Some(sub) = include(&key) else {
                return Err(ParseError::new(
                    start_line,
                    format!("cannot read `{target}`, which this file includes"),
                ));
            };
            let before = out.len();
            requirements_into(&sub, include, seen, out, false, &dir_of(&key))?;
            // Included packages are reported at the `-r` line of the scanned file.
            for p in &mut out[before..] {
                if top {
                    p.line = start_line;
                }
            }
            continue;
        }
        if l.is_empty()
            || l.starts_with('-')
            || l.starts_with("http://")
            || l.starts_with("https://")
            || l.starts_with('.')
            || l.starts_with('/')
        {
            continue;
        }
        if let Some(mut p) = requirement(&l, start_line) {
            p.direct = Some(top);
            out.push(p);
        }
    }
    Ok(())
}

/// pip's line continuation: a line ending in an odd number of backslashes joins the next one
/// (comments are removed afterwards, so `# \` continues a comment).
fn logical_lines(text: &str) -> Vec<(u32, String)> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = 0u32;
    for (i, raw) in text.lines().enumerate() {
        if cur.is_empty() {
            start = i as u32 + 1;
        }
        let trailing = raw.len() - raw.trim_end_matches('\\').len();
        if trailing % 2 == 1 {
            cur.push_str(&raw[..raw.len() - 1]);
            continue;
        }
        cur.push_str(raw);
        out.push((start, std::mem::take(&mut cur)));
    }
    if !cur.is_empty() {
        out.push((start, cur));
    }
    out
}

/// A comment starts at `#` at the beginning of the line or after whitespace.
fn strip_comment(line: &str) -> &str {
    match line
        .match_indices('#')
        .map(|(p, _)| p)
        .find(|&p| p == 0 || line[..p].ends_with(char::is_whitespace))
    {
        Some(p) => &line[..p],
        None => line,
    }
}

fn include_target(l: &str) -> Option<&str> {
    let t = l
        .strip_prefix("--requirement=")
        .or_else(|| l.strip_prefix("--requirement "))
        .or_else(|| l.strip_prefix("-r"))?;
    let t = t.trim();
    (!t.is_empty()).then_some(t)
}

fn join(dir: &str, target: &str) -> String {
    let joined = if dir.is_empty() || target.starts_with('/') {
        target.to_string()
    } else {
        format!("{dir}/{target}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let body = parts.join("/");
    if joined.starts_with('/') {
        format!("/{body}")
    } else {
        body
    }
}

fn dir_of(path: &str) -> String {
    path.rsplit_once('/')
        .map_or(String::new(), |(d, _)| d.to_string())
}

fn requirement(line: &str, line_no: u32) -> Option<Package> {
    // Per-requirement options (`--hash=…`) and environment markers (`; python_version < "3"`).
    let line = line.split(" --").next().unwrap_or(line);
    let line = line.split(';').next().unwrap_or(line).trim();
    if line.is_empty() || line.contains("://") || line.contains(" @ ") {
        return None;
    }
    let mut constraint = None;
    for op in ["===", "==", ">=", "~=", "!="] {
        if line.contains(op) {
            constraint = Some(op);
            break;
        }
    }
    let (name, version) = match constraint {
        Some(op) => {
            let (n, v) = line.split_once(op)?;
            let v = if op == "!=" {
                ""
            } else {
                v.split(',').next().unwrap_or("").trim()
            };
            (n, v)
        }
        None => (line, ""),
    };
    let name = name.split('[').next().unwrap_or(name);
    let name = name.trim_end_matches(['<', '>', '=', '!', '~', ' ']).trim();
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
    {
        return None;
    }
    Some(Package::new("PyPI", pep503(name), version).at(line_no))
}

/// `[[package]]` header lines in order, so TOML array entries get their line.
fn package_lines(text: &str) -> Vec<u32> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[package]]")
        .map(|(i, _)| i as u32 + 1)
        .collect()
}

fn str_of<'a>(v: &'a toml::Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(toml::Value::as_str)
}

fn toml_packages(text: &str) -> Result<(toml::Value, Vec<toml::Value>), ParseError> {
    let doc: toml::Value = toml::from_str(text).map_err(|e| toml_error(text, e))?;
    let pkgs = doc
        .get("package")
        .and_then(toml::Value::as_array)
        .cloned()
        .unwrap_or_default();
    Ok((doc, pkgs))
}

fn sha256_of(hash: &str) -> Option<(String, String)> {
    hash.strip_prefix("sha256:")
        .and_then(|h| hex_hash("SHA-256", h))
}

/// `poetry.lock`: dev packages are `category = "dev"` (Poetry < 1.5) or in `groups`.
pub fn poetry(text: &str) -> Result<Vec<Package>, ParseError> {
    let (doc, pkgs) = toml_packages(text)?;
    let lines = package_lines(text);
    let mut out = Vec::new();
    let mut wanted = Vec::new();
    for (i, p) in pkgs.iter().enumerate() {
        let (Some(name), Some(version)) = (str_of(p, "name"), str_of(p, "version")) else {
            continue;
        };
        let mut pkg =
            Package::new("PyPI", pep503(name), version).at(lines.get(i).copied().unwrap_or(0));
        if let Some(cat) = str_of(p, "category") {
            pkg.dev = Some(cat == "dev");
        }
        let files = p
            .get("files")
            .and_then(toml::Value::as_array)
            .cloned()
            .or_else(|| {
                doc.get("metadata")?
                    .get("files")?
                    .get(name)?
                    .as_array()
                    .cloned()
            });
        if let Some(h) = files
            .unwrap_or_default()
            .iter()
            .find_map(|f| str_of(f, "hash").and_then(sha256_of))
        {
            pkg.hashes.push(h);
        }
        let deps = p
            .get("dependencies")
            .and_then(toml::Value::as_table)
            .map(|t| t.keys().map(|k| (pep503(k), None)).collect())
            .unwrap_or_default();
        out.push(pkg);
        wanted.push(deps);
    }
    link(&mut out, &wanted);
    Ok(out)
}

/// `pdm.lock`: `groups` says default or dev.
pub fn pdm(text: &str) -> Result<Vec<Package>, ParseError> {
    let (_, pkgs) = toml_packages(text)?;
    let lines = package_lines(text);
    let mut out = Vec::new();
    let mut wanted = Vec::new();
    for (i, p) in pkgs.iter().enumerate() {
        let (Some(name), Some(version)) = (str_of(p, "name"), str_of(p, "version")) else {
            continue;
        };
        let mut pkg =
            Package::new("PyPI", pep503(name), version).at(lines.get(i).copied().unwrap_or(0));
        if let Some(groups) = p.get("groups").and_then(toml::Value::as_array) {
            pkg.dev = Some(!groups.iter().any(|g| g.as_str() == Some("default")));
        }
        if let Some(h) = p
            .get("files")
            .and_then(toml::Value::as_array)
            .and_then(|fs| {
                fs.iter()
                    .find_map(|f| str_of(f, "hash").and_then(sha256_of))
            })
        {
            pkg.hashes.push(h);
        }
        let deps = p
            .get("dependencies")
            .and_then(toml::Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|d| d.as_str())
                    .map(|d| {
                        let n: String = d
                            .chars()
                            .take_while(|c| {
                                c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')
                            })
                            .collect();
                        (pep503(&n), None)
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.push(pkg);
        wanted.push(deps);
    }
    link(&mut out, &wanted);
    Ok(out)
}

/// `uv.lock`: the project itself is the package whose source is `editable`/`virtual` `"."`;
/// its dependencies are the direct ones.
pub fn uv(text: &str) -> Result<Vec<Package>, ParseError> {
    let (_, pkgs) = toml_packages(text)?;
    let lines = package_lines(text);
    let mut out = Vec::new();
    let mut wanted = Vec::new();
    let mut direct = HashSet::new();
    let dep_list = |p: &toml::Value, key: &str| -> Vec<String> {
        let mut names = Vec::new();
        match p.get(key) {
            Some(toml::Value::Array(a)) => {
                names.extend(a.iter().filter_map(|d| str_of(d, "name")).map(pep503))
            }
            Some(toml::Value::Table(t)) => {
                for v in t.values() {
                    if let Some(a) = v.as_array() {
                        names.extend(a.iter().filter_map(|d| str_of(d, "name")).map(pep503));
                    }
                }
            }
            _ => {}
        }
        names
    };
    for (i, p) in pkgs.iter().enumerate() {
        let Some(name) = str_of(p, "name") else {
            continue;
        };
        let source = p.get("source");
        let is_root = source.is_some_and(|s| {
            ["editable", "virtual"]
                .iter()
                .any(|k| str_of(s, k) == Some("."))
        });
        let names: Vec<String> = ["dependencies", "optional-dependencies", "dev-dependencies"]
            .iter()
            .flat_map(|k| dep_list(p, k))
            .collect();
        if is_root {
            direct.extend(names);
            continue;
        }
        let version = str_of(p, "version").unwrap_or("");
        let mut pkg =
            Package::new("PyPI", pep503(name), version).at(lines.get(i).copied().unwrap_or(0));
        let hash = p.get("sdist").and_then(|s| str_of(s, "hash")).or_else(|| {
            p.get("wheels")?
                .as_array()?
                .first()
                .and_then(|w| str_of(w, "hash"))
        });
        if let Some(h) = hash.and_then(sha256_of) {
            pkg.hashes.push(h);
        }
        out.push(pkg);
        wanted.push(names.into_iter().map(|n| (n, None)).collect());
    }
    if !direct.is_empty() {
        for p in &mut out {
            p.direct = Some(direct.contains(&p.name));
        }
    }
    link(&mut out, &wanted);
    Ok(out)
}

/// `Pipfile.lock`: `default` and `develop` sections; versions are `==x.y.z`.
pub fn pipfile(text: &str) -> Result<Vec<Package>, ParseError> {
    let doc: Value = serde_json::from_str(text).map_err(json_error)?;
    let lines = Lines::new(text);
    let mut out = Vec::new();
    for (section, dev) in [("default", false), ("develop", true)] {
        let Some(m) = doc.get(section).and_then(Value::as_object) else {
            continue;
        };
        let (_, from) = lines.find(&format!("\"{section}\""), 0).unwrap_or((0, 0));
        for (name, d) in m {
            let Some(v) = d.get("version").and_then(Value::as_str) else {
                continue;
            };
            let version = v.trim_start_matches("==").trim_start_matches('=');
            let line = lines
                .key(name, from, None, Some(b'{'))
                .map_or(0, |(l, _)| l);
            let mut p = Package::new("PyPI", pep503(name), version).at(line);
            p.dev = Some(dev);
            if let Some(h) = d
                .get("hashes")
                .and_then(Value::as_array)
                .and_then(|a| a.iter().find_map(|h| h.as_str().and_then(sha256_of)))
            {
                p.hashes.push(h);
            }
            out.push(p);
        }
    }
    Ok(dedupe(out, |_, _| true))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirements_pins_markers_hashes_continuations_and_includes() {
        let base = "Django==2.2.24 ; python_version >= \"3.6\" \\\n    --hash=sha256:abc\nrequests[security]>=2.0  # comment\n-r dev.txt\n-e git+https://x/y.git#egg=y\n";
        let inc = |p: &str| match p {
            "dev.txt" => Some("pytest==7.0.1\n-r requirements.txt\n".to_string()),
            "requirements.txt" => Some(base.to_string()),
            _ => None,
        };
        let ps = requirements(base, &inc).unwrap();
        let got: Vec<_> = ps
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str(), p.line))
            .collect();
        assert_eq!(
            got,
            vec![
                ("django", "2.2.24", 1),
                ("requests", "2.0", 3),
                ("pytest", "7.0.1", 4)
            ]
        );
        let missing = requirements("-r nope.txt\n", &|_: &str| None).unwrap_err();
        assert_eq!(missing.line, 1);
    }

    #[test]
    fn continuation_joins_before_comments_are_removed() {
        let ps = requirements(
            "foo==\\\n1.2.3\nbaz == 7.8.9 # \\\nbaz == 1.2.3\nbar == 4.5\\\\\n",
            &|_: &str| None,
        )
        .unwrap();
        let got: Vec<_> = ps
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![("foo", "1.2.3"), ("baz", "7.8.9"), ("bar", "4.5\\\\")]
        );
    }
}
