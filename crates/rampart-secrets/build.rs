//! Embeds every `rules/*.toml` file into the binary, so adding a rule file needs no code change,
//! with the rule pack's size and digest (shown by `--version` and in every report).

use std::{env, fs, path::Path};

use sha2::{Digest, Sha256};

fn main() {
    embed_rules();
    keyword_engine();
}

/// Vectorscan for the keyword pass when its static library is here (Debian's
/// `libvectorscan-dev`); otherwise the portable Aho-Corasick engine. `--features vectorscan`
/// makes a missing library an error; `RAMPART_PORTABLE=1` builds without it even when present.
fn keyword_engine() {
    println!("cargo:rustc-check-cfg=cfg(vectorscan)");
    println!("cargo:rerun-if-env-changed=VECTORSCAN_LIB_DIR");
    println!("cargo:rerun-if-env-changed=RAMPART_PORTABLE");
    let required = env::var_os("CARGO_FEATURE_VECTORSCAN").is_some();
    if env::var_os("RAMPART_PORTABLE").is_some_and(|v| v == "1") && !required {
        return;
    }
    match vectorscan_lib_dir() {
        Some(dir) => {
            println!("cargo:rustc-cfg=vectorscan");
            println!("cargo:rustc-link-search=native={dir}");
            println!("cargo:rustc-link-lib=static=hs");
            println!("cargo:rustc-link-lib=dylib=stdc++");
        }
        None if required => panic!(
            "the `vectorscan` feature needs libhs.a: install Debian's libvectorscan-dev \
             (apt-get install libvectorscan-dev) or set VECTORSCAN_LIB_DIR"
        ),
        None => {}
    }
}

/// The folder holding `libhs.a`: `VECTORSCAN_LIB_DIR`, else what pkg-config says, else the
/// usual Debian/Ubuntu place.
fn vectorscan_lib_dir() -> Option<String> {
    let from_pkg_config = || {
        let out = std::process::Command::new("pkg-config")
            .args(["--variable=libdir", "libhs"])
            .output()
            .ok()?;
        let dir = String::from_utf8(out.stdout).ok()?.trim().to_string();
        (out.status.success() && !dir.is_empty()).then_some(dir)
    };
    let target = env::var("TARGET").unwrap_or_default();
    let debian = target
        .split('-')
        .next()
        .map(|arch| format!("/usr/lib/{arch}-linux-gnu"));
    env::var("VECTORSCAN_LIB_DIR")
        .ok()
        .into_iter()
        .chain(from_pkg_config())
        .chain(debian)
        .find(|d| Path::new(d).join("libhs.a").exists())
}

/// Values never reported (`src/filter.rs`), beside the rule files.
const PUBLISHED_EXAMPLES: &str = "published-examples.txt";

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
    let mut digest = Sha256::new();
    let mut rules = 0;
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy();
        let text = fs::read_to_string(f).unwrap();
        digest.update(name.as_bytes());
        digest.update(text.as_bytes());
        // Every rule starts with this header on a line of its own (a test checks the count).
        rules += text.lines().filter(|l| l.trim_end() == "[[rule]]").count();
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            f.display().to_string()
        ));
    }
    code.push_str("];\n");
    // The published-example list decides what is dropped, so it is part of the pack's identity.
    let examples = dir.join(PUBLISHED_EXAMPLES);
    println!("cargo:rerun-if-changed={}", examples.display());
    digest.update(PUBLISHED_EXAMPLES.as_bytes());
    digest.update(fs::read(&examples).unwrap());
    code.push_str(&format!(
        "pub(crate) static PUBLISHED_EXAMPLES_FILE: (&str, &str) = ({PUBLISHED_EXAMPLES:?}, include_str!({:?}));\n",
        examples.display().to_string()
    ));
    code.push_str(&format!(
        "pub(crate) const BUILTIN_RULE_COUNT: usize = {rules};\n\
         pub(crate) const BUILTIN_RULE_DIGEST: &str = {:?};\n",
        hex::encode(digest.finalize())
    ));
    fs::write(
        Path::new(&env::var("OUT_DIR").unwrap()).join("builtin_rules.rs"),
        code,
    )
    .unwrap();
}
