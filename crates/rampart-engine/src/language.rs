use std::path::Path;

use serde::Serialize;

/// What kind of file this is, from its name. Analyzers use it to decide what to parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Python,
    JavaScript,
    TypeScript,
    Java,
    Go,
    Rust,
    Ruby,
    Php,
    CSharp,
    C,
    Cpp,
    Kotlin,
    Shell,
    Yaml,
    Json,
    Toml,
    Xml,
    Properties,
    Env,
    Dockerfile,
    Terraform,
    Sql,
    Markdown,
    Text,
}

impl Language {
    pub fn detect(path: &Path) -> Language {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let lower = name.to_ascii_lowercase();
        if lower == "dockerfile"
            || lower.starts_with("dockerfile.")
            || lower.ends_with(".dockerfile")
        {
            return Language::Dockerfile;
        }
        if lower == ".env" || lower.starts_with(".env.") || lower.ends_with(".env") {
            return Language::Env;
        }
        let ext = lower.rsplit_once('.').map_or("", |(_, e)| e);
        match ext {
            "py" | "pyi" | "pyw" => Language::Python,
            "js" | "mjs" | "cjs" | "jsx" => Language::JavaScript,
            "ts" | "mts" | "cts" | "tsx" => Language::TypeScript,
            "java" => Language::Java,
            "go" => Language::Go,
            "rs" => Language::Rust,
            "rb" | "gemspec" | "rake" => Language::Ruby,
            "php" => Language::Php,
            "cs" => Language::CSharp,
            "c" | "h" => Language::C,
            "cc" | "cpp" | "cxx" | "hpp" | "hh" => Language::Cpp,
            "kt" | "kts" => Language::Kotlin,
            "sh" | "bash" | "zsh" => Language::Shell,
            "yml" | "yaml" => Language::Yaml,
            "json" | "jsonc" => Language::Json,
            "toml" => Language::Toml,
            "xml" | "pom" | "csproj" | "config" => Language::Xml,
            "properties" | "ini" | "cfg" | "conf" => Language::Properties,
            "tf" | "tfvars" | "hcl" => Language::Terraform,
            "sql" => Language::Sql,
            "md" | "markdown" | "rst" => Language::Markdown,
            _ => Language::Text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_name_and_extension() {
        assert_eq!(Language::detect(Path::new("a/b.py")), Language::Python);
        assert_eq!(
            Language::detect(Path::new("Dockerfile")),
            Language::Dockerfile
        );
        assert_eq!(Language::detect(Path::new(".env.local")), Language::Env);
        assert_eq!(Language::detect(Path::new("x.TSX")), Language::TypeScript);
        assert_eq!(Language::detect(Path::new("README")), Language::Text);
    }
}
