//! Embeds every `rules/*.toml` file into the binary, so adding a rule file needs no code change.

use std::{env, fs, path::Path};

fn main() {
    embed_rules();
    if env::var_os("CARGO_FEATURE_VECTORSCAN").is_some() {
        link_vectorscan();
    }
}

/// Links Vectorscan's static library (`libhs.a`, Debian's `libvectorscan-dev`), so the binary
/// needs nothing at run time beyond the C++ runtime every Linux system has.
fn link_vectorscan() {
    println!("cargo:rerun-if-env-changed=VECTORSCAN_LIB_DIR");
    let dir = env::var("VECTORSCAN_LIB_DIR").ok().or_else(|| {
        let out = std::process::Command::new("pkg-config")
            .args(["--variable=libdir", "libhs"])
            .output()
            .ok()?;
        let dir = String::from_utf8(out.stdout).ok()?.trim().to_string();
        (out.status.success() && !dir.is_empty()).then_some(dir)
    });
    let Some(dir) = dir.filter(|d| Path::new(d).join("libhs.a").exists()) else {
        panic!(
            "the `vectorscan` feature needs libhs.a: install Debian's libvectorscan-dev \
             (apt-get install libvectorscan-dev) or set VECTORSCAN_LIB_DIR"
        );
    };
    println!("cargo:rustc-link-search=native={dir}");
    println!("cargo:rustc-link-lib=static=hs");
    println!("cargo:rustc-link-lib=dylib=stdc++");
}

fn embed_rules() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut code = String::from("pub(crate) static BUILTIN_RULE_FILES: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy();
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            f.display().to_string()
        ));
    }
    code.push_str("];\n");
    fs::write(
        Path::new(&env::var("OUT_DIR").unwrap()).join("builtin_rules.rs"),
        code,
    )
    .unwrap();
}
