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

fn validator() -> jsonschema::Validator {
    // The published 2.1.0 schema has one pattern (for language tags) that is not a valid
    // ECMA-262 regex, "]?" unbalanced; it is repaired here so the schema itself compiles.
    let text = std::fs::read_to_string(schema_path()).unwrap().replace(
        "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$",
        "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$",
    );
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&schema).expect("a valid schema")
}

/// F19: a JSON Lines record's findings were placed at `uri` = the record id, at lines of the
/// record's text. They belong to the record's line of the JSON Lines file; the record is a
/// logical location and the positions within it are properties.
#[test]
fn jsonl_records_are_placed_at_their_line_of_the_file() {
    let validator = validator();
    let linter = Linter::new(
        Catalog::embedded().unwrap(),
        Options {
            language: Some("en".into()),
            ..Options::default()
        },
    );
    let text = "First line.\nThe talks ended and and nobody spoke.";
    let mut record = linter.check_record("batch 1.jsonl", "rec 7", text, None, None);
    record.record = Some(mtlint::report::RecordOrigin {
        file: "data/batch 1.jsonl".into(),
        line: 12,
    });
    assert!(!record.findings.is_empty());
    let rules = Catalog::embedded().unwrap().rules();
    let mut out = Vec::new();
    render_sarif(&Report::new(vec![record]), &rules, &mut out).unwrap();
    let sarif: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let loc = &sarif["runs"][0]["results"][0]["locations"][0];
    let phys = &loc["physicalLocation"];
    assert_eq!(phys["artifactLocation"]["uri"], "data/batch%201.jsonl");
    assert_eq!(phys["region"]["startLine"], 12);
    assert!(phys["region"].get("startColumn").is_none(), "{phys}");
    assert_eq!(loc["logicalLocations"][0]["name"], "rec 7");
    assert_eq!(loc["properties"]["recordStartLine"], 2);
    let start = loc["properties"]["recordByteOffset"].as_u64().unwrap() as usize;
    assert_eq!(&text[start..start + 3], "and");
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0() {
    let validator = validator();
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
