//! Shared set-up of the fuzz targets: one linter per language setting, built once.

use std::sync::OnceLock;

use mtlint::input::InputFormat;
use mtlint::report::{FileReport, Report};
use mtlint::ruleset::Catalog;
use mtlint::{Linter, Options};

/// A linter with the embedded rules: English, Japanese-to-English, or the language detected.
pub fn linter(which: u8) -> &'static Linter {
    static LINTERS: OnceLock<Vec<Linter>> = OnceLock::new();
    let all = LINTERS.get_or_init(|| {
        [
            (Some("en"), None),
            (Some("en"), Some("ja")),
            (None, None),
        ]
        .into_iter()
        .map(|(l, s)| {
            let options = Options {
                language: l.map(str::to_string),
                source_language: s.map(str::to_string),
                ..Options::default()
            };
            Linter::new(Catalog::embedded().expect("embedded rules"), options)
        })
        .collect()
    });
    &all[usize::from(which) % all.len()]
}

/// Checks `data` (when UTF-8) in `format` and asserts the contract on the report and on every
/// output format.
pub fn check_input(data: &[u8], format: InputFormat, path: &str) {
    let (which, data) = match data.split_first() {
        Some((w, rest)) => (*w, rest),
        None => (0, data),
    };
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let linter = linter(which);
    let report = linter.check_input(path, text, format);
    assert_report(linter, report, text);
}

pub fn assert_report(linter: &Linter, report: FileReport, text: &str) {
    if let Err(e) = mtlint::contract::check_file(&report, text) {
        panic!("contract: {e}");
    }
    let report = Report::new(vec![report]);
    if let Err(e) = mtlint::contract::check_formats(&report, &linter.catalog().rules()) {
        panic!("formats: {e}");
    }
}
