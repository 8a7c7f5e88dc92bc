//! Values crossing the database boundary, the same on both backends.

use bytes::BytesMut;
use postgres::types::{IsNull, ToSql, Type, to_sql_checked};

use crate::{Result, StoreError};

/// A parameter or a column value: the four types the schema uses.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_string())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}
impl From<i64> for Value {
    fn from(n: i64) -> Value {
        Value::Int(n)
    }
}
impl From<f64> for Value {
    fn from(n: f64) -> Value {
        Value::Real(n)
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Int(i64::from(b))
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

/// One result row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row(pub Vec<Value>);

impl Row {
    fn get(&self, i: usize) -> Result<&Value> {
        self.0
            .get(i)
            .ok_or_else(|| StoreError::Data(format!("no column {i}")))
    }

    pub fn i64(&self, i: usize) -> Result<i64> {
        self.opt_i64(i)
            .ok_or_else(|| StoreError::Data(format!("column {i} is not an integer")))
    }

    pub fn opt_i64(&self, i: usize) -> Option<i64> {
        match self.get(i).ok()? {
            Value::Int(n) => Some(*n),
            Value::Real(f) => Some(*f as i64),
            _ => None,
        }
    }

    pub fn f64(&self, i: usize) -> Result<f64> {
        self.opt_f64(i)
            .ok_or_else(|| StoreError::Data(format!("column {i} is not a number")))
    }

    pub fn opt_f64(&self, i: usize) -> Option<f64> {
        match self.get(i).ok()? {
            Value::Int(n) => Some(*n as f64),
            Value::Real(f) => Some(*f),
            _ => None,
        }
    }

    pub fn text(&self, i: usize) -> Result<String> {
        self.opt_text(i)
            .ok_or_else(|| StoreError::Data(format!("column {i} is not text")))
    }

    pub fn opt_text(&self, i: usize) -> Option<String> {
        match self.get(i).ok()? {
            Value::Text(s) => Some(s.clone()),
            _ => None,
        }
    }
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Int(n) => ToSqlOutput::Borrowed(ValueRef::Integer(*n)),
            Value::Real(f) => ToSqlOutput::Borrowed(ValueRef::Real(*f)),
            Value::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        })
    }
}

pub(crate) fn sqlite_row(row: &rusqlite::Row<'_>, width: usize) -> rusqlite::Result<Row> {
    use rusqlite::types::ValueRef;
    let mut out = Vec::with_capacity(width);
    for i in 0..width {
        out.push(match row.get_ref(i)? {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(n) => Value::Int(n),
            ValueRef::Real(f) => Value::Real(f),
            ValueRef::Text(t) | ValueRef::Blob(t) => {
                Value::Text(String::from_utf8_lossy(t).into_owned())
            }
        });
    }
    Ok(Row(out))
}

pub(crate) fn pg_row(row: &postgres::Row) -> Result<Row> {
    let err = |e: postgres::Error| StoreError::Postgres(e.to_string());
    let mut out = Vec::with_capacity(row.len());
    for (i, col) in row.columns().iter().enumerate() {
        let ty = col.type_();
        let v = if *ty == Type::INT8 {
            row.try_get::<_, Option<i64>>(i).map_err(err)?.into()
        } else if *ty == Type::INT4 {
            row.try_get::<_, Option<i32>>(i)
                .map_err(err)?
                .map(i64::from)
                .into()
        } else if *ty == Type::INT2 {
            row.try_get::<_, Option<i16>>(i)
                .map_err(err)?
                .map(i64::from)
                .into()
        } else if *ty == Type::FLOAT8 {
            row.try_get::<_, Option<f64>>(i).map_err(err)?.into()
        } else if *ty == Type::FLOAT4 {
            row.try_get::<_, Option<f32>>(i)
                .map_err(err)?
                .map(f64::from)
                .into()
        } else if *ty == Type::BOOL {
            row.try_get::<_, Option<bool>>(i).map_err(err)?.into()
        } else if *ty == Type::VOID {
            Value::Null
        } else {
            row.try_get::<_, Option<String>>(i)
                .map_err(|e| {
                    StoreError::Postgres(format!(
                        "column {} has type {ty}, which the register does not use: {e}",
                        col.name()
                    ))
                })?
                .into()
        };
        out.push(v);
    }
    Ok(Row(out))
}

type BoxError = Box<dyn std::error::Error + Sync + Send>;

/// Converts to whatever type the server inferred for the parameter, so `?` works the same
/// against an INT4 expression or a BIGINT column.
impl ToSql for Value {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(n) => int_to_sql(*n, ty, out),
            Value::Real(f) => {
                if *ty == Type::FLOAT4 {
                    (*f as f32).to_sql(ty, out)
                } else if *ty == Type::FLOAT8 {
                    f.to_sql(ty, out)
                } else if is_int(ty) {
                    int_to_sql(*f as i64, ty, out)
                } else {
                    f.to_string().to_sql(ty, out)
                }
            }
            Value::Text(s) => {
                if is_int(ty) {
                    let n: i64 = s.parse()?;
                    int_to_sql(n, ty, out)
                } else if *ty == Type::FLOAT8 {
                    s.parse::<f64>()?.to_sql(ty, out)
                } else {
                    s.as_str().to_sql(ty, out)
                }
            }
        }
    }

    fn accepts(_ty: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

fn is_int(ty: &Type) -> bool {
    *ty == Type::INT8 || *ty == Type::INT4 || *ty == Type::INT2
}

fn int_to_sql(n: i64, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
    if *ty == Type::INT4 {
        i32::try_from(n)?.to_sql(ty, out)
    } else if *ty == Type::INT2 {
        i16::try_from(n)?.to_sql(ty, out)
    } else if *ty == Type::FLOAT8 {
        (n as f64).to_sql(ty, out)
    } else if *ty == Type::BOOL {
        (n != 0).to_sql(ty, out)
    } else if *ty == Type::INT8 {
        n.to_sql(ty, out)
    } else {
        n.to_string().to_sql(ty, out)
    }
}
