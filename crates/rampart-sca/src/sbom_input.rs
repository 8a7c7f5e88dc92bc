//! `rampart scan --sbom FILE`: the components of a CycloneDX or SPDX JSON SBOM, by purl, as an
//! inventory.

use serde_json::Value;

use crate::inventory::{Lines, Package, from_purl};

pub fn packages_from_sbom(text: &str) -> Result<Vec<Package>, String> {
    let doc: Value = serde_json::from_str(text)
        .map_err(|e| format!("line {}: not valid JSON: {e}", e.line()))?;
    let lines = Lines::new(text);
    let mut purls: Vec<String> = Vec::new();
    if doc.get("bomFormat").and_then(Value::as_str) == Some("CycloneDX") {
        fn walk(v: &Value, out: &mut Vec<String>) {
            if let Some(cs) = v.get("components").and_then(Value::as_array) {
                for c in cs {
                    if let Some(p) = c.get("purl").and_then(Value::as_str) {
                        out.push(p.to_string());
                    }
                    walk(c, out);
                }
            }
        }
        walk(&doc, &mut purls);
    } else if doc.get("spdxVersion").is_some() {
        for p in doc
            .get("packages")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            for r in p
                .get("externalRefs")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if r.get("referenceType").and_then(Value::as_str) == Some("purl")
                    && let Some(l) = r.get("referenceLocator").and_then(Value::as_str)
                {
                    purls.push(l.to_string());
                }
            }
        }
    } else {
        return Err(
            "neither a CycloneDX (bomFormat) nor an SPDX (spdxVersion) JSON document".into(),
        );
    }
    let mut out = Vec::new();
    // Components are listed in document order: search on from the previous one (then from the
    // top), so a large SBOM is not searched from its start for every component.
    let mut from = 0;
    for purl in purls {
        let Some((eco, name, version)) = from_purl(&purl) else {
            continue;
        };
        let quoted = format!("\"{purl}\"");
        let found = lines.find(&quoted, from).or_else(|| lines.find(&quoted, 0));
        if let Some((_, at)) = found {
            from = at;
        }
        let line = found.map_or(0, |(l, _)| l);
        let mut p = Package::new(eco, name, version).at(line);
        if eco == "Go" {
            p.version = p
                .version
                .strip_prefix('v')
                .unwrap_or(&p.version)
                .to_string();
        }
        out.push(p);
    }
    Ok(out)
}
