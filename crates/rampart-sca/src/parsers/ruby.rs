//! `Gemfile.lock`: the `GEM`, `GIT` and `PATH` sections' `specs:` (4-space entries are gems,
//! 6-space entries their dependencies), `DEPENDENCIES` (the direct ones).

use super::ParseError;
use crate::inventory::{Package, link};

const PLATFORM_HINTS: [&str; 9] = [
    "x86", "x64", "arm", "aarch64", "java", "mingw", "mswin", "darwin", "linux",
];

/// `1.13.3-x86_64-linux` → `1.13.3`: Bundler appends the platform to the version.
fn without_platform(v: &str) -> &str {
    match v.split_once('-') {
        Some((ver, plat))
            if PLATFORM_HINTS.iter().any(|h| plat.contains(h)) || plat == "universal" =>
        {
            ver
        }
        _ => v,
    }
}

fn name_version(s: &str) -> (String, Option<String>) {
    let s = s.trim().trim_end_matches('!');
    match s.split_once(" (") {
        Some((n, v)) => (n.to_string(), Some(v.trim_end_matches(')').to_string())),
        None => (s.to_string(), None),
    }
}

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let mut out: Vec<Package> = Vec::new();
    let mut wanted: Vec<Vec<(String, Option<String>)>> = Vec::new();
    let mut section = String::new();
    let mut in_specs = false;
    let mut direct = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        if indent == 0 {
            section = line.trim().to_string();
            in_specs = false;
            continue;
        }
        match section.as_str() {
            "GEM" | "GIT" | "PATH" | "PLUGIN SOURCE" => {
                if indent == 2 {
                    in_specs = line.trim() == "specs:";
                } else if in_specs && indent == 4 {
                    let (name, version) = name_version(line);
                    let Some(version) = version else {
                        return Err(ParseError::new(
                            i as u32 + 1,
                            format!("gem `{name}` without a version"),
                        ));
                    };
                    out.push(
                        Package::new("RubyGems", name, without_platform(&version)).at(i as u32 + 1),
                    );
                    wanted.push(Vec::new());
                } else if in_specs && indent == 6 && !out.is_empty() {
                    let (name, _) = name_version(line);
                    if let Some(w) = wanted.last_mut() {
                        w.push((name, None));
                    }
                }
            }
            "DEPENDENCIES" if indent == 2 => direct.push(name_version(line).0),
            _ => {}
        }
    }
    if !direct.is_empty() {
        for p in out.iter_mut() {
            p.direct = Some(direct.contains(&p.name));
        }
    }
    link(&mut out, &wanted);
    // The same gem may be listed once per platform.
    Ok(crate::inventory::dedupe(out, |_, _| true))
}
