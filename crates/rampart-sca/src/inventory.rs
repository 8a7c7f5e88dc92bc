//! The inventory model: what a lockfile says is installed.

use std::cell::OnceCell;
use std::collections::{HashMap, VecDeque};

use serde::Serialize;

/// One package of a lockfile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Package {
    /// OSV ecosystem name: `npm`, `PyPI`, `crates.io`, `Go`, `Maven`, `RubyGems`,
    /// `Packagist`, `NuGet`, `Hex`, `Pub`.
    pub ecosystem: &'static str,
    pub name: String,
    /// Empty when the file does not pin one (an unpinned requirement, a git or path source).
    pub version: String,
    /// 1-based line where the package is declared (0 when unknown).
    pub line: u32,
    /// Whether the project depends on it directly; `None` when the file does not say.
    pub direct: Option<bool>,
    /// Whether it is only a development dependency; `None` when the file does not say.
    pub dev: Option<bool>,
    /// Checksums the lockfile records: (`SHA-256`/`SHA-512`/`SHA-1`, lowercase hex).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hashes: Vec<(String, String)>,
    /// SPDX licence expression, where the file declares one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// The git commit a package is pinned to, when it comes from a repository.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit: Option<String>,
    /// Indexes of the packages this one depends on.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deps: Vec<usize>,
}

impl Package {
    pub fn new(
        ecosystem: &'static str,
        name: impl Into<String>,
        version: impl Into<String>,
    ) -> Package {
        Package {
            ecosystem,
            name: name.into(),
            version: version.into(),
            line: 0,
            direct: None,
            dev: None,
            hashes: Vec::new(),
            license: None,
            commit: None,
            deps: Vec::new(),
        }
    }

    pub fn at(mut self, line: u32) -> Package {
        self.line = line;
        self
    }

    /// The package URL (purl spec: type, namespace, name, version, percent-encoded).
    pub fn purl(&self) -> String {
        // Go module versions carry their `v` in purls (and go.mod), not in OSV.
        if self.ecosystem == "Go" && !self.version.is_empty() && self.name != "stdlib" {
            return purl(self.ecosystem, &self.name, &format!("v{}", self.version));
        }
        purl(self.ecosystem, &self.name, &self.version)
    }

    pub fn key(&self) -> String {
        format!("{}@{}", self.name, self.version)
    }
}

fn pct(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `pkg:TYPE/NAMESPACE/NAME@VERSION` for an OSV ecosystem.
pub fn purl(ecosystem: &str, name: &str, version: &str) -> String {
    let (ty, path): (&str, Vec<String>) = match ecosystem {
        "npm" => ("npm", name.split('/').map(pct).collect()),
        "PyPI" => (
            "pypi",
            vec![pct(&name.to_ascii_lowercase().replace('_', "-"))],
        ),
        "crates.io" => ("cargo", vec![pct(name)]),
        "Go" => ("golang", name.split('/').map(pct).collect()),
        "Maven" => ("maven", name.split(':').map(pct).collect()),
        "RubyGems" => ("gem", vec![pct(name)]),
        "Packagist" => ("composer", name.split('/').map(pct).collect()),
        "NuGet" => ("nuget", vec![pct(name)]),
        "Hex" => ("hex", vec![pct(&name.to_ascii_lowercase())]),
        "Pub" => ("pub", vec![pct(&name.to_ascii_lowercase())]),
        _ => ("generic", vec![pct(name)]),
    };
    let mut s = format!("pkg:{ty}/{}", path.join("/"));
    if !version.is_empty() {
        s.push('@');
        s.push_str(&pct(version));
    }
    s
}

/// The ecosystem a purl type belongs to, and the package name in OSV's spelling.
pub fn from_purl(purl: &str) -> Option<(&'static str, String, String)> {
    let rest = purl.strip_prefix("pkg:")?;
    let rest = rest.split(['?', '#']).next()?;
    let (ty, path) = rest.split_once('/')?;
    let (path, version) = match path.rsplit_once('@') {
        Some((p, v)) => (p, unpct(v)),
        None => (path, String::new()),
    };
    let segs: Vec<String> = path.split('/').map(unpct).collect();
    let eco = match ty.to_ascii_lowercase().as_str() {
        "npm" => "npm",
        "pypi" => "PyPI",
        "cargo" => "crates.io",
        "golang" => "Go",
        "maven" => "Maven",
        "gem" => "RubyGems",
        "composer" => "Packagist",
        "nuget" => "NuGet",
        "hex" => "Hex",
        "pub" => "Pub",
        _ => return None,
    };
    let name = if eco == "Maven" {
        segs.join(":")
    } else {
        segs.join("/")
    };
    Some((eco, name, version))
}

fn unpct(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(v) =
                u8::from_str_radix(std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("zz"), 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Resolves dependency names to package indexes: the package with that name (and the given
/// version when there is one; otherwise the first one with the name).
pub fn link(packages: &mut [Package], wanted: &[Vec<(String, Option<String>)>]) {
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in packages.iter().enumerate() {
        by_name
            .entry(p.name.to_ascii_lowercase())
            .or_default()
            .push(i);
    }
    for (i, deps) in wanted.iter().enumerate() {
        let mut out = Vec::new();
        for (name, version) in deps {
            let Some(cands) = by_name.get(&name.to_ascii_lowercase()) else {
                continue;
            };
            let hit = version
                .as_ref()
                .and_then(|v| cands.iter().find(|&&c| &packages[c].version == v))
                .or_else(|| cands.first());
            if let Some(&h) = hit
                && h != i
                && !out.contains(&h)
            {
                out.push(h);
            }
        }
        if let Some(p) = packages.get_mut(i) {
            p.deps = out;
        }
    }
}

/// Shortest chains from the direct dependencies to every package: one breadth-first search
/// from all direct dependencies at once, shared by every package of a lockfile.
pub struct Paths {
    /// The package each one was first reached from; `None` for direct ones and unreached ones.
    prev: Vec<Option<usize>>,
    reached: Vec<bool>,
}

impl Paths {
    pub fn new(packages: &[Package]) -> Paths {
        let mut prev: Vec<Option<usize>> = vec![None; packages.len()];
        let mut reached = vec![false; packages.len()];
        let mut queue = VecDeque::new();
        for (i, p) in packages.iter().enumerate() {
            if p.direct == Some(true) {
                reached[i] = true;
                queue.push_back(i);
            }
        }
        while let Some(i) = queue.pop_front() {
            for &d in &packages[i].deps {
                if d < reached.len() && !reached[d] {
                    reached[d] = true;
                    prev[d] = Some(i);
                    queue.push_back(d);
                }
            }
        }
        Paths { prev, reached }
    }

    /// The shortest chain from a direct dependency to `target` (direct dependency first,
    /// `target` last); just `[target]` when it is direct, empty when unknown.
    pub fn to(&self, target: usize) -> Vec<usize> {
        if !self.reached.get(target).copied().unwrap_or(false) {
            return Vec::new();
        }
        let mut path = vec![target];
        let mut cur = target;
        while let Some(p) = self.prev[cur] {
            path.push(p);
            cur = p;
        }
        path.reverse();
        path
    }
}

/// [`Paths::to`] for one package.
pub fn path_to(packages: &[Package], target: usize) -> Vec<usize> {
    Paths::new(packages).to(target)
}

/// Line index of a text: finds the 1-based line of a byte offset or of a needle.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    keys: OnceCell<HashMap<&'a str, Vec<KeyAt>>>,
}

/// A line that starts with a mapping key.
#[derive(Debug, Clone, Copy)]
struct KeyAt {
    line: u32,
    /// Byte offset of the key (its opening quote, if quoted).
    offset: usize,
    indent: usize,
    /// The first byte of the value on the same line (`{`, `[`, `"` …), 0 when there is none.
    opens: u8,
}

/// The key a line starts with, JSON (`"key": …`) or YAML (`key:`, `'key':`, `"key":`), with its
/// indent and the first byte of its value.
fn line_key(line: &str) -> Option<(&str, usize, u8)> {
    let body = line.trim_start_matches([' ', '\t']);
    let indent = line.len() - body.len();
    let (key, rest) = match body.as_bytes().first()? {
        q @ (b'"' | b'\'') => {
            let b = body.as_bytes();
            let mut i = 1;
            while i < b.len() && (b[i] != *q || (*q == b'"' && b[i - 1] == b'\\')) {
                i += 1;
            }
            let rest = body.get(i + 1..)?.trim_start();
            (&body[1..i], rest.strip_prefix(':')?)
        }
        _ => {
            let end = body
                .find(": ")
                .or_else(|| body.ends_with(':').then(|| body.len() - 1))?;
            (&body[..end], &body[end + 1..])
        }
    };
    let opens = rest.trim_start().bytes().next().unwrap_or(0);
    Some((key, indent, opens))
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines {
            text,
            starts,
            keys: OnceCell::new(),
        }
    }

    /// Every line that starts with a mapping key, by key, built on first use: locating each of
    /// thousands of lockfile entries by searching the text from the top would be quadratic.
    fn keys(&self) -> &HashMap<&'a str, Vec<KeyAt>> {
        self.keys.get_or_init(|| {
            let mut map: HashMap<&'a str, Vec<KeyAt>> = HashMap::new();
            for (i, &start) in self.starts.iter().enumerate() {
                let end = self.starts.get(i + 1).map_or(self.text.len(), |&e| e - 1);
                let line = self.text[start..end].trim_end_matches('\r');
                if let Some((key, indent, opens)) = line_key(line) {
                    let offset = start + indent;
                    map.entry(key).or_default().push(KeyAt {
                        line: i as u32 + 1,
                        offset,
                        indent,
                        opens,
                    });
                }
            }
            map
        })
    }

    /// The first line at or after byte `from` that starts with the mapping key `key` — at
    /// `indent` spaces and with a value starting with the byte `opens`, when given — and the
    /// byte offset of the key.
    pub fn key(
        &self,
        key: &str,
        from: usize,
        indent: Option<usize>,
        opens: Option<u8>,
    ) -> Option<(u32, usize)> {
        self.keys()
            .get(key)?
            .iter()
            .find(|k| {
                k.offset >= from
                    && indent.is_none_or(|i| i == k.indent)
                    && opens.is_none_or(|o| o == k.opens)
            })
            .map(|k| (k.line, k.offset))
    }

    pub fn line_of_offset(&self, offset: usize) -> u32 {
        self.starts.partition_point(|&s| s <= offset) as u32
    }

    /// The line of the first occurrence of `needle` at or after byte `from`.
    pub fn find(&self, needle: &str, from: usize) -> Option<(u32, usize)> {
        let from = from.min(self.text.len());
        let at = self.text.get(from..)?.find(needle)? + from;
        Some((self.line_of_offset(at), at))
    }

    pub fn line_of(&self, needle: &str) -> u32 {
        self.find(needle, 0).map_or(0, |(l, _)| l)
    }
}

/// Drops exact duplicates (same name and version), keeping the first; dependency indexes are
/// remapped. Lockfiles list the same package at several places (npm nesting, NuGet targets).
pub fn dedupe(packages: Vec<Package>, same: impl Fn(&Package, &Package) -> bool) -> Vec<Package> {
    let mut out: Vec<Package> = Vec::new();
    let mut map = Vec::with_capacity(packages.len());
    let mut index: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for p in &packages {
        let k = (p.name.clone(), p.version.clone());
        let slot = index.entry(k).or_default();
        if let Some(&j) = slot.iter().find(|&&j| same(&out[j], p)) {
            let o = &mut out[j];
            // Direct anywhere means direct; prod anywhere means prod.
            if p.direct == Some(true) {
                o.direct = Some(true);
            }
            if p.dev == Some(false) {
                o.dev = Some(false);
            }
            map.push(j);
        } else {
            slot.push(out.len());
            map.push(out.len());
            // Edges are added below, remapped: the old indexes point into `packages`.
            out.push(Package {
                deps: Vec::new(),
                ..p.clone()
            });
        }
    }
    for (old, p) in packages.iter().enumerate() {
        let j = map[old];
        for &d in &p.deps {
            if let Some(&nd) = map.get(d)
                && nd != j
                && !out[j].deps.contains(&nd)
            {
                out[j].deps.push(nd);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dedupe_remaps_the_edges_of_kept_packages() {
        // Found by the `lockfiles` fuzz target (a Gemfile.lock listing packages twice): the
        // first copy kept its old indexes, which pointed past the deduplicated list.
        let pkg = |name: &str| Package::new("RubyGems", name, "1.0");
        let mut ps = vec![pkg("a"), pkg("b"), pkg("b"), pkg("c")];
        ps[0].deps = vec![2, 3];
        ps[1].deps = vec![3];
        let out = dedupe(ps, |_, _| true);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].deps, vec![1, 2]);
        assert_eq!(out[1].deps, vec![2]);
        assert!(out.iter().all(|p| p.deps.iter().all(|&d| d < out.len())));
    }

    #[test]
    fn purls() {
        assert_eq!(
            purl("npm", "@babel/core", "7.0.0"),
            "pkg:npm/%40babel/core@7.0.0"
        );
        assert_eq!(
            purl("Maven", "org.apache:commons", "1.0"),
            "pkg:maven/org.apache/commons@1.0"
        );
        assert_eq!(
            purl("PyPI", "Django_Filter", "2.4.0+local"),
            "pkg:pypi/django-filter@2.4.0%2Blocal"
        );
        assert_eq!(
            purl("Go", "golang.org/x/net", "v0.1.0"),
            "pkg:golang/golang.org/x/net@v0.1.0"
        );
        assert_eq!(
            from_purl("pkg:npm/%40babel/core@7.0.0?x=1"),
            Some(("npm", "@babel/core".to_string(), "7.0.0".to_string()))
        );
        assert_eq!(
            from_purl("pkg:maven/org.apache/commons@1.0"),
            Some(("Maven", "org.apache:commons".to_string(), "1.0".to_string()))
        );
        assert_eq!(from_purl("pkg:foo/bar@1"), None);
        assert_eq!(
            from_purl("pkg:npm/x%@1"),
            Some(("npm", "x%".into(), "1".into()))
        );
    }

    #[test]
    fn lines_index_mapping_keys() {
        let json = "{\n  \"requires\": {\n    \"a\": \"^1\"\n  },\n  \"a\": {\n    \"version\": \"1.0.0\"\n  },\n  \"b\": [\"x\"]\n}\n";
        let l = Lines::new(json);
        assert_eq!(l.key("a", 0, None, None), Some((3, 22)));
        assert_eq!(l.key("a", 0, None, Some(b'{')), Some((5, 39)));
        assert_eq!(l.key("a", 40, None, None), None);
        assert_eq!(l.key("b", 0, None, Some(b'[')).map(|k| k.0), Some(8));
        let yaml =
            "packages:\r\n  /x@1.0.0:\r\n    resolution: {}\r\n  'y@2':\r\n  \"z@3\": {a: 1}\r\n";
        let l = Lines::new(yaml);
        assert_eq!(l.key("/x@1.0.0", 0, Some(2), None).map(|k| k.0), Some(2));
        assert_eq!(l.key("resolution", 0, Some(2), None), None);
        assert_eq!(l.key("y@2", 0, Some(2), None).map(|k| k.0), Some(4));
        assert_eq!(l.key("z@3", 0, Some(2), Some(b'{')).map(|k| k.0), Some(5));
        assert_eq!(l.key("packages", 0, Some(0), None).map(|k| k.0), Some(1));
    }

    #[test]
    fn paths_from_direct_dependencies() {
        let mut ps = vec![
            Package::new("npm", "a", "1"),
            Package::new("npm", "b", "1"),
            Package::new("npm", "c", "1"),
        ];
        ps[0].direct = Some(true);
        ps[0].deps = vec![1];
        ps[1].deps = vec![2];
        assert_eq!(path_to(&ps, 2), vec![0, 1, 2]);
        assert_eq!(path_to(&ps, 0), vec![0]);
        ps[1].deps.clear();
        assert!(path_to(&ps, 2).is_empty());
    }
}
