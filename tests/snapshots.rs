//! Snapshot tests of the text and JSON reports on the fixture articles in tests/fixtures/.
//! The name says the languages: `NAME.txt` is English, `NAME.de.txt` German, and
//! `NAME.ja-en.txt` English translated from Japanese. Snapshots live in the top-level
//! snapshots/ folder; review changes with `cargo insta review`.

mod common;
use common::settings;

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};

use mtlint::report::{Report, render_json, render_text};
use mtlint::ruleset::Catalog;
use mtlint::{Linter, Options};

type Linters = Mutex<HashMap<(String, Option<String>), Arc<Linter>>>;

/// One linter per language pair, shared: loading the rule files is the slow part.
fn linter(language: String, source: Option<String>) -> Arc<Linter> {
    static LINTERS: OnceLock<Linters> = OnceLock::new();
    let mut map = LINTERS
        .get_or_init(|| Mutex::new(HashMap::new()))
        .lock()
        .unwrap();
    map.entry((language.clone(), source.clone()))
        .or_insert_with(|| {
            let options = Options {
                language: Some(language),
                source_language: source,
                ..Options::default()
            };
            Arc::new(Linter::new(Catalog::embedded().unwrap(), options))
        })
        .clone()
}

fn report_for(path: &Path) -> Report {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let (language, source) = languages(&name);
    let linter = linter(language, source);
    let bytes = std::fs::read(path).unwrap();
    let shown = format!("tests/fixtures/{name}");
    Report::new(vec![linter.check_bytes(&shown, &bytes).unwrap()])
}

/// Target and source language from a fixture name: `x.txt`, `x.de.txt`, `x.ja-en.txt`.
fn languages(name: &str) -> (String, Option<String>) {
    let stem = name.strip_suffix(".txt").unwrap_or(name);
    match stem.rsplit_once('.').map(|(_, code)| code) {
        Some(code) => match code.split_once('-') {
            Some((src, tgt)) => (tgt.to_string(), Some(src.to_string())),
            None => (code.to_string(), None),
        },
        None => ("en".to_string(), None),
    }
}

#[test]
fn text_reports() {
    settings().bind(|| {
        insta::glob!("fixtures/*.txt", |path| {
            let mut out = Vec::new();
            render_text(&report_for(path), &mut out, false).unwrap();
            insta::assert_snapshot!("text", String::from_utf8(out).unwrap());
        });
    });
}

#[test]
fn json_reports() {
    settings().bind(|| {
        insta::glob!("fixtures/*.txt", |path| {
            let mut out = Vec::new();
            render_json(&report_for(path), &mut out).unwrap();
            insta::assert_snapshot!("json", String::from_utf8(out).unwrap());
        });
    });
}

#[test]
fn clean_fixtures_have_no_findings() {
    for entry in std::fs::read_dir("tests/fixtures").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("clean-") {
            let report = report_for(&path);
            let findings: Vec<_> = report.files[0]
                .findings
                .iter()
                .map(|f| format!("{} {:?}", f.rule, f.text))
                .collect();
            assert!(findings.is_empty(), "{name}: {findings:#?}");
        }
    }
}

/// Every output format, on one defective fixture.
#[test]
fn other_formats() {
    let path = Path::new("tests/fixtures/defects-hospital-funding.txt");
    let report = report_for(path);
    let rules = Catalog::embedded().unwrap().rules();
    let render = |f: &dyn Fn(&mut Vec<u8>)| {
        let mut out = Vec::new();
        f(&mut out);
        String::from_utf8(out).unwrap()
    };
    settings().bind(|| {
        insta::assert_snapshot!(
            "github",
            render(&|w| mtlint::report::render_github(&report, w).unwrap())
        );
        insta::assert_snapshot!(
            "junit",
            render(&|w| mtlint::report::render_junit(&report, w).unwrap())
        );
        insta::assert_snapshot!(
            "jsonl",
            render(&|w| mtlint::report::render_jsonl_file(&report.files[0], w).unwrap())
        );
        let sarif = render(&|w| mtlint::report::render_sarif(&report, &rules, w).unwrap());
        // The rule descriptions are long and covered by the rule files; snapshot the results.
        let v: serde_json::Value = serde_json::from_str(&sarif).unwrap();
        insta::assert_json_snapshot!("sarif-results", v["runs"][0]["results"]);
    });
}
