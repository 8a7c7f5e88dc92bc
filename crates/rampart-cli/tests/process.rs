//! Properties of the `rampart` process itself.

/// The scan runs with transparent huge pages off from its first allocation (see
/// `SMALL_PAGES_ONLY` in main.rs). The process is held open on a FIFO it scans, and its
/// `/proc` status is read meanwhile.
#[cfg(target_os = "linux")]
#[test]
fn runs_with_transparent_huge_pages_off() {
    use std::io::Write;
    use std::process::{Command, Stdio};

    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("held.txt");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let mut child = Command::new(env!("CARGO_BIN_EXE_rampart"))
        .args([
            "scan",
            "--only",
            "secrets",
            "--no-progress",
            "--format",
            "json",
        ])
        .arg(&fifo)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    // Opening the FIFO for writing waits for rampart to open it for reading: by then `main`
    // has long run, and rampart waits for the bytes while its status is read.
    let mut writer = std::fs::OpenOptions::new().write(true).open(&fifo).unwrap();
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap();
    writer.write_all(b"nothing here\n").unwrap();
    drop(writer);
    assert!(child.wait().unwrap().code().is_some());
    let thp = |s: &str| {
        s.lines()
            .find_map(|l| l.strip_prefix("THP_enabled:"))
            .map(|v| v.trim().to_string())
    };
    // Kernels before 5.0 do not report the flag; there is nothing to check then.
    if let Some(v) = thp(&status) {
        assert_eq!(v, "0", "THP_enabled in /proc/<rampart>/status");
    }
}
