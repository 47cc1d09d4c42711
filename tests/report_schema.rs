//! The JSON Schema of the report (`schema/report.schema.json`, printed by `mtlint schema`):
//! the committed file is what the binary prints (it is generated from the report types, so it
//! cannot drift), and every JSON report in the snapshots validates against it, also in a strict
//! form that forbids fields the schema does not describe.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn printed_schema() -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .arg("schema")
        .output()
        .expect("run mtlint schema");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn committed_schema_is_what_mtlint_schema_prints() {
    let committed = std::fs::read_to_string(root().join("schema/report.schema.json")).unwrap();
    assert!(
        committed == printed_schema(),
        "schema/report.schema.json is out of date: run\n  cargo run -- schema > schema/report.schema.json"
    );
}

/// Every object schema that lists its properties also forbids others.
fn strict(v: &mut Value) {
    match v {
        Value::Object(m) => {
            if m.contains_key("properties") {
                m.insert("additionalProperties".into(), Value::Bool(false));
            }
            m.values_mut().for_each(strict);
        }
        Value::Array(a) => a.iter_mut().for_each(strict),
        _ => {}
    }
}

/// The body of an insta snapshot file (after its front matter).
fn snapshot_body(text: &str) -> &str {
    let rest = text.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---\n").expect("end of front matter");
    &rest[end + 5..]
}

fn validators() -> Vec<(&'static str, Value)> {
    let schema: Value = serde_json::from_str(&printed_schema()).unwrap();
    let mut strict_schema = schema.clone();
    strict(&mut strict_schema);
    vec![("schema", schema), ("strict schema", strict_schema)]
}

/// The schema of one file report (a line of `--format jsonl`).
fn file_schema(schema: &Value) -> Value {
    serde_json::json!({
        "$schema": schema["$schema"],
        "$ref": "#/$defs/FileReport",
        "$defs": schema["$defs"],
    })
}

#[test]
fn every_snapshot_report_validates() {
    let mut checked = 0;
    for (name, schema) in validators() {
        let report = jsonschema::validator_for(&schema).expect("a valid schema");
        let file = jsonschema::validator_for(&file_schema(&schema)).expect("a valid schema");
        for entry in std::fs::read_dir(root().join("snapshots")).unwrap() {
            let path = entry.unwrap().path();
            let fname = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            let docs: Vec<(&jsonschema::Validator, Value)> = if fname.starts_with("json@") {
                vec![(&report, serde_json::from_str(snapshot_body(&text)).unwrap())]
            } else if fname == "jsonl.snap" {
                snapshot_body(&text)
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| (&file, serde_json::from_str(l).unwrap()))
                    .collect()
            } else {
                continue;
            };
            for (v, doc) in docs {
                let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
                assert!(errors.is_empty(), "{fname} against the {name}: {errors:#?}");
                checked += 1;
            }
        }
    }
    assert!(checked >= 2 * 20, "only {checked} reports found");
}

#[test]
fn the_schema_rejects_a_malformed_report() {
    let text =
        std::fs::read_to_string(root().join("snapshots/json@drift-summit.txt.snap")).unwrap();
    let good: Value = serde_json::from_str(snapshot_body(&text)).unwrap();
    let (_, schema) = validators().remove(1);
    let v = jsonschema::validator_for(&schema).unwrap();
    assert!(v.is_valid(&good));
    let mut bad = good.clone();
    bad["files"][0]["score"] = Value::from("72.4");
    assert!(!v.is_valid(&bad), "a score must be a number");
    let mut bad = good.clone();
    bad["files"][0]["findings"][0]["severity"] = Value::from("blocker");
    assert!(!v.is_valid(&bad), "severities are a closed set");
    let mut bad = good.clone();
    bad["files"][0]["findings"][0]
        .as_object_mut()
        .unwrap()
        .remove("span");
    assert!(!v.is_valid(&bad), "a finding has a span");
    let mut bad = good;
    bad["files"][0]["surprise"] = Value::from(1);
    assert!(!v.is_valid(&bad), "the strict schema knows every field");
}
