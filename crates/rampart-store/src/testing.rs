//! Throwaway PostgreSQL databases for tests, so every test (and every backend run of the same
//! suite) gets its own and tests run in parallel.
//!
//! The server is `RAMPART_TEST_POSTGRES_URL`, else `postgres://postgres@127.0.0.1:5432/postgres`.
//! When it does not answer, PostgreSQL tests are skipped — and say so on stderr, past the test
//! harness's capture — so a developer's `cargo test` passes without a server; CI sets
//! `RAMPART_TEST_POSTGRES_REQUIRED=1` (`.ci/run`), and then a silent server fails the tests.

use std::io::Write;
use std::sync::atomic::{AtomicU32, Ordering};

const DEFAULT_ADMIN: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// A database that is dropped when this goes out of scope.
pub struct TestDatabase {
    pub url: String,
    admin: String,
    name: String,
}

/// `url` with its database name replaced.
pub fn with_database(url: &str, db: &str) -> String {
    let scheme_end = url.find("://").map_or(0, |i| i + 3);
    let (head, tail) = url.split_at(scheme_end);
    let (authority, rest) = match tail.find('/') {
        Some(i) => (&tail[..i], &tail[i..]),
        None => (tail, ""),
    };
    let query = rest.find('?').map_or("", |i| &rest[i..]);
    format!("{head}{authority}/{db}{query}")
}

fn with_timeout(url: &str) -> String {
    if url.contains("connect_timeout") {
        url.to_string()
    } else if url.contains('?') {
        format!("{url}&connect_timeout=3")
    } else {
        format!("{url}?connect_timeout=3")
    }
}

/// A fresh database on the test server, or `None` (with a message) when there is no server.
pub fn postgres_database(label: &str) -> Option<TestDatabase> {
    let explicit = std::env::var("RAMPART_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty());
    let admin = explicit
        .clone()
        .unwrap_or_else(|| DEFAULT_ADMIN.to_string());
    let required = std::env::var("RAMPART_TEST_POSTGRES_REQUIRED").is_ok_and(|v| v == "1");
    let mut client = match postgres::Client::connect(&with_timeout(&admin), postgres::NoTls) {
        Ok(c) => c,
        Err(e) if !required => {
            let hint = if explicit.is_some() {
                "check RAMPART_TEST_POSTGRES_URL"
            } else {
                "set RAMPART_TEST_POSTGRES_URL to run them"
            };
            let _ = writeln!(
                std::io::stderr(),
                "note: PostgreSQL tests skipped ({label}): no server at {} ({e}); {hint}",
                crate::redact_url(&admin)
            );
            return None;
        }
        Err(e) => panic!(
            "RAMPART_TEST_POSTGRES_REQUIRED=1 but PostgreSQL at {} does not answer: {e}",
            crate::redact_url(&admin)
        ),
    };
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let name = format!(
        "rampart_t_{}_{}_{nanos}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    );
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
    Some(TestDatabase {
        url: with_database(&admin, &name),
        admin,
        name,
    })
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&with_timeout(&self.admin), postgres::NoTls) {
            let _ = c.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_names_are_replaced() {
        assert_eq!(
            with_database("postgres://u@h:5432/test?sslmode=disable", "x"),
            "postgres://u@h:5432/x?sslmode=disable"
        );
        assert_eq!(with_database("postgres://u@h", "x"), "postgres://u@h/x");
    }
}
