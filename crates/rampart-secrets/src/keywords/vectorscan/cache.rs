//! Compiled keyword databases cached on disk, keyed by everything that shapes them.
//!
//! A cache file is the CRC-32 of the database (little-endian) followed by the database; a file
//! that does not verify is ignored (and overwritten), so a torn or corrupted write costs one
//! recompilation. A checksum, not a cryptographic digest: it guards against corruption, and a
//! digest stored beside the bytes would not stop anyone who can write to the cache folder
//! (SHA-256 here was a tenth of a one-file scan's CPU).
//! Every failure here is silent: the cache only ever saves time. `RAMPART_CACHE_DIR` moves
//! it (default `$XDG_CACHE_HOME/rampart`, else `~/.cache/rampart`); `RAMPART_NO_CACHE=1` turns
//! it off.

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The cache key: the Vectorscan version, the compile mode and the literals, in order (ids are
/// positions).
pub(super) fn key(literals: &[String], version: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"rampart keywords v2: block, caseless\0");
    h.update(version.as_bytes());
    for l in literals {
        h.update(b"\0");
        h.update(l.as_bytes());
    }
    hex::encode(&h.finalize()[..16])
}

/// Where databases are cached; `None` when caching is off or no folder is known.
pub(super) fn dir() -> Option<PathBuf> {
    if std::env::var_os("RAMPART_NO_CACHE").is_some_and(|v| v == "1") {
        return None;
    }
    let from = |var: &str| {
        std::env::var_os(var)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    from("RAMPART_CACHE_DIR")
        .or_else(|| from("XDG_CACHE_HOME").map(|d| d.join("rampart")))
        .or_else(|| from("HOME").map(|d| d.join(".cache").join("rampart")))
}

pub(super) fn path(dir: &Path, key: &str) -> PathBuf {
    dir.join(format!("keywords-{key}.hsdb"))
}

/// The cached database bytes, if the file is present and intact.
pub(super) fn load(path: &Path) -> Option<Vec<u8>> {
    let mut file = fs::read(path).ok()?;
    let (crc, bytes) = file.split_at_checked(4)?;
    if crc != crc32fast::hash(bytes).to_le_bytes() {
        return None;
    }
    file.drain(..4);
    Some(file)
}

/// Stores `bytes` at `path`: written to a temporary file and renamed, so a concurrent scan
/// reads either nothing or a whole file.
pub(super) fn store(path: &Path, bytes: &[u8]) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    if fs::create_dir_all(dir).is_err() {
        return;
    }
    let tmp = dir.join(format!(
        ".{}.{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let mut file = crc32fast::hash(bytes).to_le_bytes().to_vec();
    file.extend_from_slice(bytes);
    if fs::write(&tmp, &file).is_err() || fs::rename(&tmp, path).is_err() {
        let _ = fs::remove_file(&tmp);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_depend_on_order_version_and_content() {
        let a = vec!["aws".to_string(), "ghp_".to_string()];
        let b = vec!["ghp_".to_string(), "aws".to_string()];
        let k = key(&a, "5.4.9");
        assert_eq!(k, key(&a, "5.4.9"));
        assert_ne!(k, key(&b, "5.4.9"));
        assert_ne!(k, key(&a, "5.4.10"));
        // No ambiguity from concatenation.
        assert_ne!(
            key(&["ab".into()], "v"),
            key(&["a".into(), "b".into()], "v")
        );
    }
}
