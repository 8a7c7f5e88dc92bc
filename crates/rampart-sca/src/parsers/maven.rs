//! Maven `pom.xml`: `<dependencies>` with explicit versions, `${property}` interpolation
//! (`<properties>`, `project.version`, `project.parent.version` …), and versions managed in the
//! same file's `<dependencyManagement>`. Parents and BOMs in other files are not resolved.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::ParseError;
use crate::inventory::{Lines, Package, dedupe};

#[derive(Default, Clone)]
struct Dep {
    group: String,
    artifact: String,
    version: String,
    scope: String,
    line: u32,
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        n if n.starts_with("#x") => char::from_u32(u32::from_str_radix(&n[2..], 16).ok()?)?,
        n if n.starts_with('#') => char::from_u32(n[1..].parse().ok()?)?,
        _ => return None,
    })
}

/// Replaces `${name}` from `props`, repeatedly (properties may refer to properties).
fn interpolate(s: &str, props: &HashMap<String, String>) -> String {
    let mut cur = s.to_string();
    for _ in 0..8 {
        let Some(start) = cur.find("${") else { break };
        let Some(len) = cur[start..].find('}') else {
            break;
        };
        let key = &cur[start + 2..start + len];
        let Some(val) = props.get(key) else { break };
        cur = format!("{}{}{}", &cur[..start], val, &cur[start + len + 1..]);
    }
    cur
}

/// A version range (`[1.2,2.0)`) reports its lower bound; a soft requirement is itself.
fn range_floor(v: &str) -> String {
    let v = v.trim();
    if let Some(inner) = v.strip_prefix(['[', '(']) {
        let first = inner.split(',').next().unwrap_or("");
        return first.trim_end_matches([']', ')']).trim().to_string();
    }
    v.to_string()
}

pub fn parse(text: &str) -> Result<Vec<Package>, ParseError> {
    let lines = Lines::new(text);
    let mut reader = Reader::from_str(text);
    let mut path: Vec<String> = Vec::new();
    let mut props: HashMap<String, String> = HashMap::new();
    let mut deps: Vec<Dep> = Vec::new();
    let mut managed: Vec<Dep> = Vec::new();
    let mut cur: Option<Dep> = None;
    let mut text_buf = String::new();
    loop {
        let pos = reader.buffer_position() as usize;
        let ev = reader.read_event().map_err(|e| {
            ParseError::new(
                lines.line_of_offset(reader.error_position() as usize),
                format!("not valid XML: {e}"),
            )
        })?;
        match ev {
            Event::Start(e) => {
                let name = AsRef::<str>::as_ref(&e.local_name()).to_string();
                // quick-xml does not check names; `<${x}.version>` is not XML.
                if !name.starts_with(|c: char| c.is_alphabetic() || c == '_')
                    || !name
                        .chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':'))
                {
                    return Err(ParseError::new(
                        lines.line_of_offset(pos),
                        format!("not valid XML: bad element name <{name}>"),
                    ));
                }
                path.push(name);
                text_buf.clear();
                if path.last().map(String::as_str) == Some("dependency") {
                    cur = Some(Dep {
                        line: lines.line_of_offset(pos),
                        ..Dep::default()
                    });
                }
            }
            Event::Text(t) => text_buf.push_str(t.as_ref()),
            Event::CData(t) => text_buf.push_str(&t.into_inner()),
            Event::GeneralRef(r) => {
                if let Some(c) = entity(r.as_ref()) {
                    text_buf.push(c);
                }
            }
            Event::End(_) => {
                let value = text_buf.trim().to_string();
                text_buf.clear();
                let p: Vec<&str> = path.iter().map(String::as_str).collect();
                match p.as_slice() {
                    ["project", "properties", name] => {
                        props.insert(name.to_string(), value);
                    }
                    ["project", field @ ("version" | "groupId" | "artifactId")] => {
                        props.insert(format!("project.{field}"), value.clone());
                        props.insert(format!("pom.{field}"), value);
                    }
                    ["project", "parent", field @ ("version" | "groupId")] => {
                        props.insert(format!("project.parent.{field}"), value.clone());
                        props.entry(format!("project.{field}")).or_insert(value);
                    }
                    [.., "dependency", field] => {
                        if let Some(d) = cur.as_mut() {
                            match *field {
                                "groupId" => d.group = value,
                                "artifactId" => d.artifact = value,
                                "version" => d.version = value,
                                "scope" => d.scope = value,
                                _ => {}
                            }
                        }
                    }
                    [.., parent, "dependency"] if *parent == "dependencies" => {
                        if let Some(d) = cur.take() {
                            let is_managed =
                                p.len() >= 4 && p[p.len() - 3] == "dependencyManagement";
                            let top = p.len() == 3 && p[0] == "project";
                            if is_managed && p.len() == 4 {
                                managed.push(d);
                            } else if top {
                                deps.push(d);
                            }
                        }
                    }
                    _ => {}
                }
                path.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !path.is_empty() {
        return Err(ParseError::new(
            lines.line_of_offset(text.len()),
            format!("unclosed <{}>", path.join("><")),
        ));
    }
    let resolve = |d: &Dep| -> Dep {
        let mut r = d.clone();
        r.group = interpolate(&d.group, &props);
        r.artifact = interpolate(&d.artifact, &props);
        r.version = range_floor(&interpolate(&d.version, &props));
        r
    };
    let managed: Vec<Dep> = managed.iter().map(resolve).collect();
    let mut out = Vec::new();
    for d in deps.iter().map(resolve) {
        let mut d = d;
        if d.version.is_empty()
            && let Some(m) = managed
                .iter()
                .find(|m| m.group == d.group && m.artifact == d.artifact)
        {
            d.version = m.version.clone();
        }
        let mut p =
            Package::new("Maven", format!("{}:{}", d.group, d.artifact), d.version).at(d.line);
        p.direct = Some(true);
        p.dev = Some(d.scope == "test");
        out.push(p);
    }
    for m in &managed {
        // `import`-scoped BOMs are not dependencies of the project; a managed artifact the
        // project also depends on is already listed with the version it uses.
        if m.scope == "import"
            || deps.iter().any(|d| {
                interpolate(&d.group, &props) == m.group
                    && interpolate(&d.artifact, &props) == m.artifact
            })
        {
            continue;
        }
        let mut p = Package::new(
            "Maven",
            format!("{}:{}", m.group, m.artifact),
            m.version.clone(),
        )
        .at(m.line);
        p.direct = Some(true);
        out.push(p);
    }
    Ok(dedupe(out, |_, _| true))
}
