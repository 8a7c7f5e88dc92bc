//! Lockfile and manifest parsers. Each takes the file's text and returns its packages, or an
//! error naming the line where the file stopped making sense. None of them reads the disk
//! except through the `include` callback (`requirements.txt -r other.txt`).

use std::fmt;

use crate::inventory::Package;

mod bun;
mod cargo;
mod composer;
mod go;
mod gradle;
mod maven;
mod mix;
mod npm;
mod nuget;
mod pnpm;
mod pubspec;
mod python;
mod ruby;
mod yarn;

/// A lockfile format rampart reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    NpmLock,
    YarnLock,
    PnpmLock,
    BunLock,
    Requirements,
    PoetryLock,
    PipfileLock,
    PdmLock,
    UvLock,
    CargoLock,
    GoMod,
    GoSum,
    PomXml,
    GradleLock,
    GemfileLock,
    ComposerLock,
    NugetLock,
    MixLock,
    PubspecLock,
}

impl Kind {
    /// The format a file name says, as the package managers name their files.
    pub fn detect(file_name: &str) -> Option<Kind> {
        Some(match file_name {
            "package-lock.json" | "npm-shrinkwrap.json" => Kind::NpmLock,
            "yarn.lock" => Kind::YarnLock,
            "pnpm-lock.yaml" => Kind::PnpmLock,
            "bun.lock" => Kind::BunLock,
            "poetry.lock" => Kind::PoetryLock,
            "Pipfile.lock" => Kind::PipfileLock,
            "pdm.lock" => Kind::PdmLock,
            "uv.lock" => Kind::UvLock,
            "Cargo.lock" => Kind::CargoLock,
            "go.mod" => Kind::GoMod,
            "go.sum" => Kind::GoSum,
            "pom.xml" => Kind::PomXml,
            "gradle.lockfile" | "buildscript-gradle.lockfile" => Kind::GradleLock,
            "Gemfile.lock" | "gems.locked" => Kind::GemfileLock,
            "composer.lock" => Kind::ComposerLock,
            "packages.lock.json" => Kind::NugetLock,
            "mix.lock" => Kind::MixLock,
            "pubspec.lock" => Kind::PubspecLock,
            n if n.ends_with(".txt") && n.contains("requirements") => Kind::Requirements,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::NpmLock => "package-lock.json",
            Kind::YarnLock => "yarn.lock",
            Kind::PnpmLock => "pnpm-lock.yaml",
            Kind::BunLock => "bun.lock",
            Kind::Requirements => "requirements.txt",
            Kind::PoetryLock => "poetry.lock",
            Kind::PipfileLock => "Pipfile.lock",
            Kind::PdmLock => "pdm.lock",
            Kind::UvLock => "uv.lock",
            Kind::CargoLock => "Cargo.lock",
            Kind::GoMod => "go.mod",
            Kind::GoSum => "go.sum",
            Kind::PomXml => "pom.xml",
            Kind::GradleLock => "gradle.lockfile",
            Kind::GemfileLock => "Gemfile.lock",
            Kind::ComposerLock => "composer.lock",
            Kind::NugetLock => "packages.lock.json",
            Kind::MixLock => "mix.lock",
            Kind::PubspecLock => "pubspec.lock",
        }
    }

    pub const ALL: [Kind; 19] = [
        Kind::NpmLock,
        Kind::YarnLock,
        Kind::PnpmLock,
        Kind::BunLock,
        Kind::Requirements,
        Kind::PoetryLock,
        Kind::PipfileLock,
        Kind::PdmLock,
        Kind::UvLock,
        Kind::CargoLock,
        Kind::GoMod,
        Kind::GoSum,
        Kind::PomXml,
        Kind::GradleLock,
        Kind::GemfileLock,
        Kind::ComposerLock,
        Kind::NugetLock,
        Kind::MixLock,
        Kind::PubspecLock,
    ];
}

/// Why a file could not be read; `line` is 0 when the format gives none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: u32,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "line {}: {}", self.line, self.message)
        } else {
            f.write_str(&self.message)
        }
    }
}

impl ParseError {
    pub fn new(line: u32, message: impl Into<String>) -> ParseError {
        ParseError {
            line,
            message: message.into(),
        }
    }
}

pub(crate) fn json_error(e: serde_json::Error) -> ParseError {
    ParseError::new(e.line() as u32, format!("not valid JSON: {e}"))
}

pub(crate) fn toml_error(text: &str, e: toml::de::Error) -> ParseError {
    let line = e.span().map_or(0, |s| {
        crate::inventory::Lines::new(text).line_of_offset(s.start)
    });
    ParseError::new(line, format!("not valid TOML: {}", e.message()))
}

pub(crate) fn yaml_value(text: &str) -> Result<serde_json::Value, ParseError> {
    serde_saphyr::from_str::<serde_json::Value>(text).map_err(|e| {
        let msg = e.to_string();
        let line = msg
            .split("line ")
            .nth(1)
            .and_then(|s| s.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        ParseError::new(
            line,
            format!("not valid YAML: {}", msg.lines().next().unwrap_or("")),
        )
    })
}

/// Reads another file a requirements file includes (`-r other.txt`), relative to it.
pub type Include<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Parses `text` as `kind`.
pub fn parse(kind: Kind, text: &str, include: Include) -> Result<Vec<Package>, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match kind {
        Kind::NpmLock => npm::parse(text),
        Kind::YarnLock => yarn::parse(text),
        Kind::PnpmLock => pnpm::parse(text),
        Kind::BunLock => bun::parse(text),
        Kind::Requirements => python::requirements(text, include),
        Kind::PoetryLock => python::poetry(text),
        Kind::PipfileLock => python::pipfile(text),
        Kind::PdmLock => python::pdm(text),
        Kind::UvLock => python::uv(text),
        Kind::CargoLock => cargo::parse(text),
        Kind::GoMod => go::go_mod(text),
        Kind::GoSum => go::go_sum(text),
        Kind::PomXml => maven::parse(text),
        Kind::GradleLock => gradle::parse(text),
        Kind::GemfileLock => ruby::parse(text),
        Kind::ComposerLock => composer::parse(text),
        Kind::NugetLock => nuget::parse(text),
        Kind::MixLock => mix::parse(text),
        Kind::PubspecLock => pubspec::parse(text),
    }
}

/// `sha512-<base64>` (npm/yarn/pnpm integrity) → (`SHA-512`, hex).
pub(crate) fn sri_hash(integrity: &str) -> Option<(String, String)> {
    use base64::Engine;
    let first = integrity.split_whitespace().next()?;
    let (alg, b64) = first.split_once('-')?;
    let alg = match alg {
        "sha512" => "SHA-512",
        "sha384" => "SHA-384",
        "sha256" => "SHA-256",
        "sha1" => "SHA-1",
        _ => return None,
    };
    let bytes = base64::engine::general_purpose::STANDARD.decode(b64).ok()?;
    Some((alg.to_string(), hex::encode(bytes)))
}

/// A hex digest of the expected length for its algorithm, lowercase.
pub(crate) fn hex_hash(alg: &str, hex: &str) -> Option<(String, String)> {
    let len = match alg {
        "SHA-1" => 40,
        "SHA-256" => 64,
        "SHA-384" => 96,
        "SHA-512" => 128,
        _ => return None,
    };
    (hex.len() == len && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| (alg.to_string(), hex.to_ascii_lowercase()))
}
