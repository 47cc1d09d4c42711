//! Reading a baseline file, and writing one from a run's findings.

use std::path::Path;
use std::process::ExitCode;

use mtlint::Error;
use mtlint::baseline::{Baseline, PathKeys};
use mtlint::report::Report;

use super::super::fail;
use super::super::output::write_atomically;
use super::inputs::io_error;
use super::note;

/// The keys of a baseline: paths relative to the configuration file's folder, else to the
/// repository root, else to the working directory.
pub(super) fn path_keys(config: Option<&Path>) -> PathKeys {
    let cwd = std::env::current_dir().unwrap_or_default();
    PathKeys::discover(config, &cwd)
}

pub(super) fn read_baseline(path: &Path, keys: PathKeys) -> Result<Baseline, Error> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| io_error(&shown, &e))?;
    let mut b: Baseline = serde_json::from_str(&text).map_err(|e| Error::RuleFile {
        path: shown.clone(),
        line: e.line().max(1),
        column: e.column().max(1),
        message: format!("not an mtlint baseline: {e}"),
    })?;
    if b.version != 1 && b.version != 2 {
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
                "baseline version {} is not supported (this mtlint reads versions 1 and 2)",
                b.version
            ),
        });
    }
    b.keys = keys;
    Ok(b)
}

pub(super) fn write_baseline(target: &Path, report: &Report, keys: PathKeys) -> ExitCode {
    let mut b = Baseline::new(keys);
    for f in &report.files {
        b.record(f);
    }
    let count: usize = b.files.values().map(Vec::len).sum();
    let json = serde_json::to_vec_pretty(&b).unwrap_or_default();
    if let Err(e) = write_atomically(target, &json) {
        return fail(&Error::Io {
            path: target.display().to_string(),
            message: e.to_string(),
        });
    }
    let _ = note(&format!(
        "wrote a baseline of {count} findings in {} files to {}",
        b.files.len(),
        target.display()
    ));
    if report.has_errors() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
