//! Software bills of materials from lockfile inventories: CycloneDX 1.6 JSON and SPDX 2.3
//! JSON, with components, purls, hashes where the lockfile records them, licences where it
//! declares them, the dependency graph, and the tool that wrote them.
//!
//! The same package found in several lockfiles is one component; its dependency edges are
//! merged. Identifiers (`bom-ref`, `SPDXID`, the serial number) are derived from content, so
//! the same inventory gives the same document apart from its timestamp.

use std::collections::{BTreeMap, BTreeSet};

use rampart_sca::Package;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// The packages of one lockfile, by path relative to the SBOM's root.
pub struct Lockfile {
    pub path: String,
    pub packages: Vec<Package>,
}

/// What the document describes and who wrote it.
pub struct Meta<'a> {
    pub project: &'a str,
    pub tool_version: &'a str,
    /// RFC 3339 UTC.
    pub timestamp: &'a str,
}

struct Component<'a> {
    pkg: &'a Package,
    /// Where it was found: `path:line`.
    found: BTreeSet<String>,
    deps: BTreeSet<String>,
    direct: bool,
}

/// Components keyed by purl (stable order), with merged edges and origins.
fn components(lockfiles: &[Lockfile]) -> BTreeMap<String, Component<'_>> {
    let mut out: BTreeMap<String, Component> = BTreeMap::new();
    for lf in lockfiles {
        for p in &lf.packages {
            let purl = p.purl();
            let deps: Vec<String> = p
                .deps
                .iter()
                .filter_map(|&d| lf.packages.get(d))
                .map(Package::purl)
                .collect();
            let c = out.entry(purl).or_insert_with(|| Component {
                pkg: p,
                found: BTreeSet::new(),
                deps: BTreeSet::new(),
                direct: false,
            });
            c.found.insert(format!("{}:{}", lf.path, p.line));
            c.deps.extend(deps);
            c.direct |= p.direct == Some(true);
        }
    }
    // Without any direct information, every package hangs off the root.
    if !out.values().any(|c| c.direct) {
        for c in out.values_mut() {
            c.direct = true;
        }
    }
    out
}

fn uuid_from(bytes: &[u8]) -> String {
    let h = Sha256::digest(bytes);
    let mut b: [u8; 16] = h[..16].try_into().unwrap_or([0; 16]);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let x = hex::encode(b);
    format!(
        "{}-{}-{}-{}-{}",
        &x[..8],
        &x[8..12],
        &x[12..16],
        &x[16..20],
        &x[20..]
    )
}

fn content_id(meta: &Meta, comps: &BTreeMap<String, Component>) -> String {
    let mut h = Vec::new();
    h.extend_from_slice(meta.project.as_bytes());
    for (purl, c) in comps {
        h.extend_from_slice(purl.as_bytes());
        for d in &c.deps {
            h.extend_from_slice(d.as_bytes());
        }
    }
    uuid_from(&h)
}

/// Splits `@scope/name`, `group:artifact`, `vendor/name` into CycloneDX group and name.
fn group_and_name(p: &Package) -> (Option<String>, String) {
    let split = match p.ecosystem {
        "npm" if p.name.starts_with('@') => p.name.split_once('/'),
        "Maven" => p.name.split_once(':'),
        "Packagist" => p.name.split_once('/'),
        _ => None,
    };
    match split {
        Some((g, n)) => (Some(g.to_string()), n.to_string()),
        None => (None, p.name.clone()),
    }
}

/// A licence field that reads as an SPDX expression (`MIT`, `(MIT OR Apache-2.0)`), not prose.
fn spdx_expression(l: &str) -> Option<&str> {
    let l = l.trim();
    let ok = !l.is_empty()
        && !l.to_ascii_uppercase().contains("SEE ")
        && l.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b" .-+():".contains(&b));
    ok.then_some(l)
}

pub fn cyclonedx(meta: &Meta, lockfiles: &[Lockfile]) -> Value {
    let comps = components(lockfiles);
    let root = "root-component";
    let components: Vec<Value> = comps
        .iter()
        .map(|(purl, c)| {
            let p = c.pkg;
            let (group, name) = group_and_name(p);
            let mut v = json!({
                "type": "library",
                "bom-ref": purl,
                "name": name,
                "purl": purl,
            });
            if let Some(g) = group {
                v["group"] = json!(g);
            }
            if !p.version.is_empty() {
                v["version"] = json!(p.version);
            }
            if !p.hashes.is_empty() {
                v["hashes"] = p
                    .hashes
                    .iter()
                    .map(|(alg, hex)| json!({"alg": alg, "content": hex}))
                    .collect();
            }
            if let Some(l) = p.license.as_deref().and_then(spdx_expression) {
                v["licenses"] = json!([{ "expression": l }]);
            }
            if p.dev == Some(true) {
                v["scope"] = json!("optional");
            }
            let mut props = vec![json!({"name": "rampart:ecosystem", "value": p.ecosystem})];
            props.extend(
                c.found
                    .iter()
                    .map(|f| json!({"name": "rampart:lockfile", "value": f})),
            );
            v["properties"] = Value::Array(props);
            v
        })
        .collect();
    let mut deps = vec![json!({
        "ref": root,
        "dependsOn": comps.iter().filter(|(_, c)| c.direct).map(|(p, _)| p.clone()).collect::<Vec<_>>(),
    })];
    deps.extend(comps.iter().map(|(purl, c)| {
        json!({ "ref": purl, "dependsOn": c.deps.iter().filter(|d| comps.contains_key(*d)).collect::<Vec<_>>() })
    }));
    json!({
        "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
        "bomFormat": "CycloneDX",
        "specVersion": "1.6",
        "serialNumber": format!("urn:uuid:{}", content_id(meta, &comps)),
        "version": 1,
        "metadata": {
            "timestamp": meta.timestamp,
            "tools": { "components": [{
                "type": "application",
                "name": "rampart",
                "version": meta.tool_version,
            }]},
            "component": { "type": "application", "bom-ref": root, "name": meta.project },
        },
        "components": components,
        "dependencies": deps,
    })
}

fn spdx_id(n: usize) -> String {
    format!("SPDXRef-Package-{n}")
}

pub fn spdx(meta: &Meta, lockfiles: &[Lockfile]) -> Value {
    let comps = components(lockfiles);
    let ids: BTreeMap<&str, String> = comps
        .keys()
        .enumerate()
        .map(|(i, p)| (p.as_str(), spdx_id(i + 1)))
        .collect();
    let root = "SPDXRef-Root";
    let mut packages = vec![json!({
        "SPDXID": root,
        "name": meta.project,
        "downloadLocation": "NOASSERTION",
        "filesAnalyzed": false,
        "primaryPackagePurpose": "APPLICATION",
    })];
    for (purl, c) in &comps {
        let p = c.pkg;
        let mut v = json!({
            "SPDXID": ids[purl.as_str()],
            "name": p.name,
            "downloadLocation": "NOASSERTION",
            "filesAnalyzed": false,
            "licenseConcluded": "NOASSERTION",
            "licenseDeclared": p.license.as_deref().and_then(spdx_expression).unwrap_or("NOASSERTION"),
            "copyrightText": "NOASSERTION",
            "primaryPackagePurpose": "LIBRARY",
            "externalRefs": [{
                "referenceCategory": "PACKAGE-MANAGER",
                "referenceType": "purl",
                "referenceLocator": purl,
            }],
            "comment": format!("found in {}", c.found.iter().cloned().collect::<Vec<_>>().join(", ")),
        });
        if !p.version.is_empty() {
            v["versionInfo"] = json!(p.version);
        }
        if !p.hashes.is_empty() {
            v["checksums"] = p
                .hashes
                .iter()
                .map(|(alg, hex)| json!({"algorithm": alg.replace('-', ""), "checksumValue": hex}))
                .collect();
        }
        packages.push(v);
    }
    let mut rels = vec![json!({
        "spdxElementId": "SPDXRef-DOCUMENT",
        "relationshipType": "DESCRIBES",
        "relatedSpdxElement": root,
    })];
    for (purl, c) in &comps {
        if c.direct {
            rels.push(json!({"spdxElementId": root, "relationshipType": "DEPENDS_ON", "relatedSpdxElement": ids[purl.as_str()]}));
        }
        for d in &c.deps {
            if let Some(to) = ids.get(d.as_str()) {
                rels.push(json!({"spdxElementId": ids[purl.as_str()], "relationshipType": "DEPENDS_ON", "relatedSpdxElement": to}));
            }
        }
    }
    let uuid = content_id(meta, &comps);
    json!({
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": meta.project,
        "documentNamespace": format!("https://spdx.org/spdxdocs/rampart/{}-{uuid}", meta.project.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "-")),
        "creationInfo": {
            "created": meta.timestamp,
            "creators": [format!("Tool: rampart-{}", meta.tool_version)],
        },
        "packages": packages,
        "relationships": rels,
    })
}
