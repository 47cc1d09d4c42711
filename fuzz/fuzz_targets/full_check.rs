#![no_main]
//! A full check of several inputs at once, each in the format its first byte picks, rendered
//! in every output format with the baseline pass applied.

use libfuzzer_sys::fuzz_target;
use mtlint::baseline::{Baseline, Entry, PathKeys, fingerprint};
use mtlint::input::InputFormat;
use mtlint::report::Report;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let linter = mtlint_fuzz::linter(data.first().copied().unwrap_or(0) / 3);
    let parts: Vec<&str> = text.split('\u{0}').take(4).collect();
    let mut reports = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let (path, format) = match (data.first().copied().unwrap_or(0) as usize + i) % 3 {
            0 => (format!("f{i}.txt"), InputFormat::Text),
            1 => (format!("f{i}.md"), InputFormat::Markdown),
            _ => (format!("f{i}.html"), InputFormat::Html),
        };
        let report = linter.check_input(&path, part, format);
        if let Err(e) = mtlint::contract::check_file(&report, part) {
            panic!("contract: {e}");
        }
        reports.push(report);
    }
    // A baseline of half the findings, applied: the contract still holds.
    let mut baseline = Baseline::new(PathKeys::default());
    for r in &reports {
        let key = baseline.keys.key(&r.path);
        for f in r.findings.iter().step_by(2) {
            baseline.files.entry(key.clone()).or_default().push(Entry {
                rule: f.rule.to_string(),
                line: f.line,
                text: f.text.clone(),
                fingerprint: fingerprint(&r.text, &f.rule, f.span),
            });
        }
    }
    for (r, part) in reports.iter_mut().zip(&parts) {
        let before = r.findings.len();
        linter.apply_baseline(r, &baseline);
        assert!(r.findings.len() <= before);
        if let Err(e) = mtlint::contract::check_file(r, part) {
            panic!("contract after baseline: {e}");
        }
    }
    let report = Report::new(reports);
    if let Err(e) = mtlint::contract::check_formats(&report, &linter.catalog().rules()) {
        panic!("formats: {e}");
    }
});
