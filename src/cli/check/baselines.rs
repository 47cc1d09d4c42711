//! Reading a baseline file, and writing one from a run's findings.

use std::path::Path;
use std::process::ExitCode;

use mtlint::Error;
use mtlint::baseline::{Baseline, fingerprint};
use mtlint::report::Report;

use super::super::fail;
use super::super::output::write_atomically;
use super::inputs::io_error;
use super::note;

pub(super) fn read_baseline(path: &Path) -> Result<Baseline, Error> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| io_error(&shown, &e))?;
    let b: Baseline = serde_json::from_str(&text).map_err(|e| Error::RuleFile {
        path: shown.clone(),
        line: e.line().max(1),
        column: e.column().max(1),
        message: format!("not an mtlint baseline: {e}"),
    })?;
    if b.version != 1 {
        // The version is near the top; point at its line.
        let line = text
            .lines()
            .position(|l| l.contains("\"version\""))
            .map_or(1, |i| i + 1);
        return Err(Error::RuleFile {
            path: shown,
            line,
            column: 1,
            message: format!(
                "baseline version {} is not supported (this mtlint reads version 1)",
                b.version
            ),
        });
    }
    Ok(b)
}

pub(super) fn write_baseline(target: &Path, report: &Report) -> ExitCode {
    let mut b = Baseline::new();
    let mut count = 0;
    for f in &report.files {
        let prints: Vec<String> = f
            .findings
            .iter()
            .map(|x| fingerprint(&f.text, &x.rule, x.span))
            .collect();
        count += prints.len();
        if !prints.is_empty() {
            b.fingerprints
                .entry(mtlint::baseline::path_key(&f.path))
                .or_default()
                .extend(prints);
        }
    }
    let json = serde_json::to_vec_pretty(&b).unwrap_or_default();
    if let Err(e) = write_atomically(target, &json) {
        return fail(&Error::Io {
            path: target.display().to_string(),
            message: e.to_string(),
        });
    }
    let _ = note(&format!(
        "wrote a baseline of {count} findings in {} files to {}",
        b.fingerprints.len(),
        target.display()
    ));
    if report.has_errors() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
