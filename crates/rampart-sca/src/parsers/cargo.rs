//! `Cargo.lock` (v1–v4). Packages without a `source` are the workspace's own crates: their
//! dependencies are the direct ones.

use super::{ParseError, hex_hash, toml_error};
use crate::inventory::{Package, link};

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let doc: toml::Value = toml::from_str(text).map_err(|e| toml_error(text, e))?;
    let lines: Vec<u32> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[package]]")
        .map(|(i, _)| i as u32 + 1)
        .collect();
    let pkgs = doc
        .get("package")
        .and_then(toml::Value::as_array)
        .cloned()
        .unwrap_or_default();
    // Lockfile v1 keeps checksums in [metadata]: "checksum NAME VERSION (SOURCE)" = "…".
    let meta = doc.get("metadata").and_then(toml::Value::as_table);
    let mut out = Vec::new();
    let mut wanted = Vec::new();
    let mut roots = Vec::new();
    for (i, p) in pkgs.iter().enumerate() {
        let s = |k: &str| p.get(k).and_then(toml::Value::as_str);
        let (Some(name), Some(version)) = (s("name"), s("version")) else {
            return Err(ParseError::new(
                lines.get(i).copied().unwrap_or(0),
                "[[package]] without a name and version",
            ));
        };
        let mut pkg =
            Package::new("crates.io", name, version).at(lines.get(i).copied().unwrap_or(0));
        let checksum = s("checksum").map(str::to_string).or_else(|| {
            let src = s("source")?;
            meta?
                .get(&format!("checksum {name} {version} ({src})"))?
                .as_str()
                .map(str::to_string)
        });
        if let Some(h) = checksum.and_then(|c| hex_hash("SHA-256", &c)) {
            pkg.hashes.push(h);
        }
        let deps: Vec<(String, Option<String>)> = p
            .get("dependencies")
            .and_then(toml::Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|d| d.as_str())
                    .map(|d| {
                        let mut it = d.split_whitespace();
                        let n = it.next().unwrap_or("").to_string();
                        (n, it.next().map(str::to_string))
                    })
                    .collect()
            })
            .unwrap_or_default();
        if s("source").is_none() {
            roots.push(out.len());
            pkg.direct = Some(true);
        }
        out.push(pkg);
        wanted.push(deps);
    }
    link(&mut out, &wanted);
    let direct: Vec<usize> = roots.iter().flat_map(|&r| out[r].deps.clone()).collect();
    for (i, p) in out.iter_mut().enumerate() {
        if p.direct.is_none() {
            p.direct = Some(direct.contains(&i));
        }
    }
    Ok(out)
}
