//! Snapshot tests of the text and JSON reports on the fixture articles in tests/fixtures/.
//! A fixture named `*.ja-en.txt` is checked as a translation from Japanese. Snapshots live in
//! the top-level snapshots/ folder; review changes with `cargo insta review`.

use std::path::Path;

use mtlint::report::{Report, render_json, render_text};
use mtlint::rules::Catalog;
use mtlint::{Linter, Options};

fn report_for(path: &Path) -> Report {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let source = name.contains(".ja-en.").then(|| "ja".to_string());
    let options = Options {
        language: Some("en".into()),
        source_language: source,
        ..Options::default()
    };
    let mut linter = Linter::new(Catalog::embedded().unwrap(), options);
    let bytes = std::fs::read(path).unwrap();
    let shown = format!("tests/fixtures/{name}");
    Report::new(vec![linter.check_bytes(&shown, &bytes).unwrap()])
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
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
