//! Properties of the `rampart` process itself.

/// The scan runs with transparent huge pages off from its first allocation (see
/// `SMALL_PAGES_ONLY` in main.rs). The process is held open on a FIFO it scans, and its
/// `/proc` status is read meanwhile.
#[cfg(target_os = "linux")]
#[test]
fn runs_with_transparent_huge_pages_off() {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
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
    // A non-blocking open for writing succeeds once rampart has the FIFO open for reading: by
    // then `main` has long run, and rampart waits for the bytes while its status is read.
    // Polled, so a rampart that exits first fails the test instead of hanging it.
    let started = std::time::Instant::now();
    let mut writer = loop {
        let open = std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(&fifo);
        match open {
            Ok(w) => break w,
            Err(_) => {
                assert!(
                    child.try_wait().unwrap().is_none(),
                    "rampart ended before reading the FIFO"
                );
                assert!(
                    started.elapsed().as_secs() < 60,
                    "rampart never read the FIFO"
                );
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
        }
    };
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
