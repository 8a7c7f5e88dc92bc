//! `gradle.lockfile` / `buildscript-gradle.lockfile`: `group:artifact:version=configurations`.

use super::ParseError;
use crate::inventory::Package;

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with("empty=") {
            continue;
        }
        let (coords, configs) = line.split_once('=').unwrap_or((line, ""));
        let parts: Vec<&str> = coords.split(':').collect();
        // A malformed line is skipped, as Gradle itself ignores what it cannot read here.
        if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) {
            continue;
        }
        let mut p =
            Package::new("Maven", format!("{}:{}", parts[0], parts[1]), parts[2]).at(i as u32 + 1);
        let configs: Vec<&str> = configs.split(',').filter(|c| !c.is_empty()).collect();
        if !configs.is_empty() {
            p.dev = Some(
                configs
                    .iter()
                    .all(|c| c.to_ascii_lowercase().starts_with("test")),
            );
        }
        out.push(p);
    }
    Ok(out)
}
