//! The SARIF output validates against the SARIF 2.1.0 JSON schema. The schema is the one the
//! serde-sarif crate ships (it generates its types from it), read from the cargo registry
//! where cargo unpacked the dependency.

use std::path::{Path, PathBuf};

use mtlint::report::{Report, render_sarif};
use mtlint::ruleset::Catalog;
use mtlint::{Linter, Options};

fn schema_path() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))
        .expect("CARGO_HOME or HOME");
    let registry = home.join("registry").join("src");
    for index in std::fs::read_dir(&registry).expect("cargo registry sources") {
        let index = index.unwrap().path();
        for krate in std::fs::read_dir(&index).into_iter().flatten().flatten() {
            let name = krate.file_name().to_string_lossy().into_owned();
            if name.starts_with("serde-sarif-") {
                let schema = krate.path().join("src").join("schema.json");
                if schema.is_file() {
                    return schema;
                }
            }
        }
    }
    panic!(
        "serde-sarif's schema.json not found under {}",
        registry.display()
    );
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    // The published 2.1.0 schema has one pattern (for language tags) that is not a valid
    // ECMA-262 regex, "]?" unbalanced; it is repaired here so the schema itself compiles.
    let text = std::fs::read_to_string(schema_path()).unwrap().replace(
        "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
        "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$",
    );
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let linter = Linter::new(
        Catalog::embedded().unwrap(),
        Options {
            language: Some("en".into()),
            source_language: Some("ja".into()),
            ..Options::default()
        },
    );
    let mut files = Vec::new();
    for name in ["defects-port-strike.ja-en.txt", "drift-summit.txt"] {
        let p = format!("tests/fixtures/{name}");
        files.push(linter.check_bytes(&p, &std::fs::read(&p).unwrap()).unwrap());
    }
    let report = Report::new(files);
    let rules = Catalog::embedded().unwrap().rules();
    let mut out = Vec::new();
    render_sarif(&report, &rules, &mut out).unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
    // And a broken document is rejected, so the check can fail.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
}
