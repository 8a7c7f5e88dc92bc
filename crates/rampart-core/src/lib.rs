//! The finding model shared by every rampart analyzer.
//!
//! Data flows one way: sources → analyzers → [`Finding`]s → register → reports. Everything an
//! analyzer knows about a problem is carried here, so reports never reach back into analyzers.

mod finding;
mod fingerprint;
mod owasp;
mod redact;
mod severity;

pub use finding::{DependencyInfo, Finding, FlowStep, Location, Provenance, RuleMeta, SecretInfo};
pub use fingerprint::{assign_fingerprints, fingerprint, sort_and_fingerprint};
pub use owasp::{OwaspCategory, owasp_2021, owasp_2025};
pub use redact::{redact, sha256_hex};
pub use severity::{Confidence, ParseLevelError, Severity};

/// Version of the JSON report schema (`docs/json-report.md`). Bump on breaking changes.
pub const JSON_SCHEMA_VERSION: &str = "1.0";
