//! risk = severity score / 10 × sensitivity weight / largest sensitivity weight
//!        × exposure weight / largest exposure weight × 100   (0–100, one decimal)
//!
//! The severity score is the finding's CVSS base score when it has one (dependency advisories),
//! otherwise `[risk.severity]` for its severity. Sensitivity and exposure come from the most
//! risky `[[assets]]` entry whose paths match the finding, or `[risk] default_*`.

use globset::{Glob, GlobSet, GlobSetBuilder};
use rampart_core::{Finding, Severity};
use rampart_engine::{AssetConfig, RiskConfig};

pub struct RiskModel {
    config: RiskConfig,
    assets: Vec<(AssetConfig, GlobSet)>,
    max_class: f64,
    max_exposure: f64,
}

/// What a finding's risk was computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskScore {
    pub score: f64,
    pub asset: Option<String>,
    pub classification: String,
    pub exposure: String,
}

impl RiskModel {
    pub fn new(config: &RiskConfig, assets: &[AssetConfig]) -> Result<RiskModel, String> {
        let mut compiled = Vec::new();
        for a in assets {
            let mut b = GlobSetBuilder::new();
            for p in &a.paths {
                let glob = Glob::new(p.trim_start_matches('/'))
                    .map_err(|e| format!("asset `{}`: invalid path glob `{p}`: {e}", a.name))?;
                b.add(glob);
                // `src/payments` covers what is below it, like a folder.
                if !p.contains('*') {
                    let below = format!("{}/**", p.trim_matches('/'));
                    b.add(Glob::new(&below).map_err(|e| e.to_string())?);
                }
            }
            compiled.push((a.clone(), b.build().map_err(|e| e.to_string())?));
        }
        let max = |m: &std::collections::BTreeMap<String, f64>| {
            m.values()
                .copied()
                .fold(0.0f64, f64::max)
                .max(f64::MIN_POSITIVE)
        };
        Ok(RiskModel {
            max_class: max(&config.classification),
            max_exposure: max(&config.exposure),
            config: config.clone(),
            assets: compiled,
        })
    }

    pub fn severity_score(&self, severity: Severity, cvss: Option<f64>) -> f64 {
        cvss.unwrap_or_else(|| {
            self.config
                .severity
                .get(severity.as_str())
                .copied()
                .unwrap_or(0.0)
        })
        .clamp(0.0, 10.0)
    }

    pub fn score(&self, finding: &Finding) -> RiskScore {
        let cvss = finding.dependency.as_ref().and_then(|d| d.cvss_score);
        let sev = self.severity_score(finding.severity, cvss) / 10.0;
        let weigh = |class: &str, exposure: &str| {
            let c = self
                .config
                .classification
                .get(class)
                .copied()
                .unwrap_or(0.0);
            let e = self.config.exposure.get(exposure).copied().unwrap_or(0.0);
            (c / self.max_class) * (e / self.max_exposure)
        };
        let mut best = RiskScore {
            score: sev
                * weigh(
                    &self.config.default_classification,
                    &self.config.default_exposure,
                ),
            asset: None,
            classification: self.config.default_classification.clone(),
            exposure: self.config.default_exposure.clone(),
        };
        let mut matched = false;
        for (asset, set) in &self.assets {
            if !set.is_match(&finding.location.path) {
                continue;
            }
            let s = sev * weigh(&asset.classification, &asset.exposure);
            if !matched || s > best.score {
                matched = true;
                best = RiskScore {
                    score: s,
                    asset: Some(asset.name.clone()),
                    classification: asset.classification.clone(),
                    exposure: asset.exposure.clone(),
                };
            }
        }
        best.score = (best.score * 1000.0).round() / 10.0;
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rampart_core::{Confidence, Location, RuleMeta};

    fn finding(path: &str, severity: Severity) -> Finding {
        RuleMeta {
            id: "r".into(),
            analyzer: "sast".into(),
            title: "t".into(),
            description: String::new(),
            severity,
            confidence: Confidence::High,
            cwe: vec![],
            remediation: String::new(),
            references: vec![],
        }
        .finding(
            "m".into(),
            Location {
                path: path.into(),
                start_line: 1,
                start_column: 1,
                end_line: 1,
                end_column: 2,
            },
            String::new(),
        )
    }

    #[test]
    fn documented_formula() {
        let assets = vec![AssetConfig {
            name: "payments".into(),
            paths: vec!["services/payments".into()],
            service: None,
            classification: "special-category".into(),
            exposure: "internet".into(),
        }];
        let m = RiskModel::new(&RiskConfig::default(), &assets).unwrap();
        // critical 9.5/10 × 5/5 × 3/3 = 95.0
        let s = m.score(&finding("services/payments/api.py", Severity::Critical));
        assert_eq!(s.score, 95.0);
        assert_eq!(s.asset.as_deref(), Some("payments"));
        // default internal (2/5) × internal (2/3): 7.5/10 × 0.4 × 0.667 = 20.0
        assert_eq!(m.score(&finding("tools/x.py", Severity::High)).score, 20.0);
        let mut f = finding("tools/x.py", Severity::High);
        f.dependency = Some(rampart_core::DependencyInfo {
            ecosystem: "npm".into(),
            name: "x".into(),
            version: "1".into(),
            purl: "pkg:npm/x@1".into(),
            advisory: "GHSA-1".into(),
            aliases: vec![],
            cvss_vector: None,
            cvss_score: Some(10.0),
            fixed_versions: vec![],
            upgrade_to: None,
            path: vec![],
            direct: true,
        });
        assert_eq!(m.score(&f).score, 26.7);
    }
}
