//! Rule files as a small YAML tree that remembers line numbers, so every rule error can say
//! where it is.

use saphyr::{LoadableYamlNode, MarkedYamlOwned, ScalarOwned, YamlDataOwned};

#[derive(Debug, Clone)]
pub struct Y {
    pub line: usize,
    pub v: V,
}

#[derive(Debug, Clone)]
pub enum V {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Y>),
    Map(Vec<(String, Y)>),
}

impl Y {
    pub fn as_str(&self) -> Option<&str> {
        match &self.v {
            V::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A scalar as text (`1024`, `true` and `x` alike), as Semgrep reads many fields.
    pub fn scalar_text(&self) -> Option<String> {
        match &self.v {
            V::Str(s) => Some(s.clone()),
            V::Int(i) => Some(i.to_string()),
            V::Float(f) => Some(f.to_string()),
            V::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(String, Y)]> {
        match &self.v {
            V::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Y]> {
        match &self.v {
            V::Seq(s) => Some(s),
            _ => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Y> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// Strings of a scalar or a sequence of scalars.
    pub fn strings(&self) -> Vec<String> {
        match &self.v {
            V::Seq(s) => s.iter().filter_map(Y::scalar_text).collect(),
            _ => self.scalar_text().into_iter().collect(),
        }
    }
}

/// Parses one YAML document; the error carries the line.
pub fn parse(src: &str) -> Result<Y, (usize, String)> {
    let docs = MarkedYamlOwned::load_from_str(src)
        .map_err(|e| (e.marker().line(), e.info().to_string()))?;
    Ok(docs.into_iter().next().map_or(
        Y {
            line: 1,
            v: V::Null,
        },
        convert,
    ))
}

fn convert(n: MarkedYamlOwned) -> Y {
    let line = n.span.start.line();
    let v = match n.data {
        YamlDataOwned::Value(s) => match s {
            ScalarOwned::Null => V::Null,
            ScalarOwned::Boolean(b) => V::Bool(b),
            ScalarOwned::Integer(i) => V::Int(i),
            ScalarOwned::FloatingPoint(f) => V::Float(f.0),
            ScalarOwned::String(s) => V::Str(s),
        },
        YamlDataOwned::Representation(s, _, _) => V::Str(s),
        YamlDataOwned::Sequence(items) => V::Seq(items.into_iter().map(convert).collect()),
        YamlDataOwned::Mapping(m) => V::Map(
            m.into_iter()
                .map(|(k, v)| {
                    let key = convert(k).scalar_text().unwrap_or_default();
                    (key, convert(v))
                })
                .collect(),
        ),
        YamlDataOwned::Tagged(_, inner) => return convert(*inner),
        YamlDataOwned::Alias(_) | YamlDataOwned::BadValue => V::Null,
    };
    Y { line, v }
}
