//! npm `package-lock.json` / `npm-shrinkwrap.json`, lockfile versions 1, 2 and 3.
//!
//! v2 and v3 list every installed copy under `packages`, keyed by its `node_modules/…` path;
//! v1 nests `dependencies`. Aliases (`"npm:real-name@1.2.3"`) report the real package; git and
//! `file:` sources have no registry version.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use super::{ParseError, json_error, sri_hash};
use crate::inventory::{Lines, Package, dedupe};

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let v: Value = serde_json::from_str(text).map_err(json_error)?;
    let obj = v
        .as_object()
        .ok_or_else(|| ParseError::new(1, "a package-lock.json is a JSON object"))?;
    let lines = Lines::new(text);
    let packages = match obj.get("packages").and_then(Value::as_object) {
        Some(p)
            if obj
                .get("lockfileVersion")
                .and_then(Value::as_u64)
                .unwrap_or(2)
                >= 2 =>
        {
            from_packages(p, &lines)
        }
        _ => {
            let mut out = Vec::new();
            let mut wanted = Vec::new();
            if let Some(d) = obj.get("dependencies").and_then(Value::as_object) {
                from_v1(d, &lines, 0, 0, &mut out, &mut wanted);
            }
            // Top-level entries nobody requires must be the project's own dependencies.
            let required: HashSet<String> =
                wanted.iter().flatten().map(|(n, _)| n.clone()).collect();
            for (p, depth) in out.iter_mut() {
                if *depth == 0 && !required.contains(&p.name) {
                    p.direct = Some(true);
                }
            }
            let mut pkgs: Vec<Package> = out.into_iter().map(|(p, _)| p).collect();
            crate::inventory::link(&mut pkgs, &wanted);
            pkgs
        }
    };
    // One entry per package version (per commit for git sources), wherever npm installed it.
    Ok(dedupe(packages, |a, b| a.commit == b.commit))
}

/// The commit a git source pins (`git+ssh://…#<sha>`, `github:user/repo#<sha>`).
fn commit_of(spec: &str) -> Option<String> {
    if !is_git(spec) && !spec.starts_with("https://codeload.github.com") {
        return None;
    }
    let c = spec.rsplit(['#', '/']).next()?;
    (c.len() >= 7 && c.bytes().all(|b| b.is_ascii_hexdigit())).then(|| c.to_string())
}

fn is_git(spec: &str) -> bool {
    spec.starts_with("git")
        || spec.starts_with("github:")
        || spec.starts_with("gitlab:")
        || spec.starts_with("bitbucket:")
        || spec.contains("://") && spec.contains('#')
}

fn from_v1(
    deps: &Map<String, Value>,
    lines: &Lines,
    from: usize,
    depth: usize,
    out: &mut Vec<(Package, usize)>,
    wanted: &mut Vec<Vec<(String, Option<String>)>>,
) {
    for (key, d) in deps {
        let mut name = key.clone();
        let spec = d.get("version").and_then(Value::as_str).unwrap_or("");
        let mut version = spec.to_string();
        if let Some(alias) = spec.strip_prefix("npm:")
            && let Some(at) = alias.rfind('@').filter(|&i| i > 0)
        {
            name = alias[..at].to_string();
            version = alias[at + 1..].to_string();
        }
        if spec.starts_with("file:") || is_git(spec) || spec.starts_with("link:") {
            version = String::new();
        }
        let (line, at) = lines.key(key, from, None, Some(b'{')).unwrap_or((0, from));
        let mut p = Package::new("npm", name, version).at(line);
        p.commit = commit_of(spec);
        p.dev = Some(d.get("dev").and_then(Value::as_bool).unwrap_or(false));
        if let Some(h) = d
            .get("integrity")
            .and_then(Value::as_str)
            .and_then(sri_hash)
        {
            p.hashes.push(h);
        }
        let requires = d
            .get("requires")
            .and_then(Value::as_object)
            .map(|r| r.keys().map(|k| (k.clone(), None)).collect())
            .unwrap_or_default();
        out.push((p, depth));
        wanted.push(requires);
        if let Some(nested) = d.get("dependencies").and_then(Value::as_object) {
            from_v1(nested, lines, at, depth + 1, out, wanted);
        }
    }
}

fn dep_names(v: &Value) -> Vec<String> {
    [
        "dependencies",
        "optionalDependencies",
        "peerDependencies",
        "devDependencies",
    ]
    .iter()
    .filter_map(|k| v.get(*k).and_then(Value::as_object))
    .flat_map(|m| m.keys().cloned())
    .collect()
}

fn from_packages(pkgs: &Map<String, Value>, lines: &Lines) -> Vec<Package> {
    let root_direct: HashSet<String> = pkgs
        .get("")
        .map(dep_names)
        .unwrap_or_default()
        .into_iter()
        .collect();
    let mut out = Vec::new();
    let mut paths: Vec<&str> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (path, d) in pkgs {
        // The root project is not a dependency; a link points at another entry (a workspace
        // or local folder), which is listed under its own path.
        if path.is_empty() || d.get("link").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let last = path.rfind("node_modules/").unwrap_or(usize::MAX);
        let key_name = match path.rfind("node_modules/") {
            Some(i) => &path[i + "node_modules/".len()..],
            None => {
                // A local folder (`deps/etag`, `packages/@scope/x`): its last one or two segments.
                let mut segs = path.rsplitn(3, '/');
                let base = segs.next().unwrap_or(path);
                match segs.next() {
                    Some(scope) if scope.starts_with('@') => {
                        &path[path.len() - base.len() - scope.len() - 1..]
                    }
                    _ => base,
                }
            }
        };
        let name = d
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or(key_name)
            .to_string();
        let version = d
            .get("version")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let mut p = Package::new("npm", name, version)
            .at(lines.key(path, 0, None, None).map_or(0, |(l, _)| l));
        p.commit = d
            .get("resolved")
            .and_then(Value::as_str)
            .and_then(commit_of);
        p.dev = Some(d.get("dev").and_then(Value::as_bool).unwrap_or(false));
        p.direct = Some(last == 0 && root_direct.contains(key_name));
        if let Some(h) = d
            .get("integrity")
            .and_then(Value::as_str)
            .and_then(sri_hash)
        {
            p.hashes.push(h);
        }
        p.license = match d.get("license") {
            Some(Value::String(s)) => Some(s.clone()),
            _ => None,
        };
        index.insert(path.as_str(), out.len());
        paths.push(path);
        out.push(p);
    }
    // Node's resolution: a dependency is looked up in the package's own node_modules, then in
    // each enclosing node_modules up to the top.
    for (i, path) in paths.iter().enumerate() {
        let names = dep_names(&pkgs[*path]);
        let mut deps = Vec::new();
        for n in names {
            let mut base: &str = path;
            loop {
                let candidate = format!("{base}/node_modules/{n}");
                if let Some(&j) = index.get(candidate.as_str()) {
                    deps.push(j);
                    break;
                }
                match base.rfind("/node_modules/") {
                    Some(k) => base = &base[..k],
                    None => {
                        if let Some(&j) = index.get(format!("node_modules/{n}").as_str()) {
                            deps.push(j);
                        }
                        break;
                    }
                }
            }
        }
        out[i].deps = deps;
    }
    out
}
