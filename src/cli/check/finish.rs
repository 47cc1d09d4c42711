//! What a run does after its report is rendered: the GitHub job summary, and the warnings that
//! keep nothing silent.

use std::io::Write;

use mtlint::baseline::Baseline;
use mtlint::report::{Report, render_github_summary};

use super::{eprintln_warning, note};

/// With `--format github` and `$GITHUB_STEP_SUMMARY` set (as in a GitHub Actions job), appends
/// the job summary table to that file. A summary that cannot be written is a warning, not a
/// failed run: the annotations are already out.
pub(super) fn github_job_summary(report: &Report) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return;
    };
    let mut text = Vec::new();
    let written = render_github_summary(report, &mut text).and_then(|()| {
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)?
            .write_all(&text)
    });
    if let Err(e) = written {
        let _ = eprintln_warning(&format!(
            "cannot write the job summary to {}: {e}",
            std::path::Path::new(&path).display()
        ));
    }
}

/// What a baseline did: how many findings it hid, and its entries whose file is gone (a
/// renamed file is keyed by its new path, so its old entries are stale and its findings are
/// reported again).
pub(super) fn baseline_notes(report: &Report, baseline: Option<&Baseline>) {
    let Some(b) = baseline else {
        return;
    };
    let files = report.files.iter().filter(|f| f.baselined > 0).count();
    let _ = note(&format!(
        "the baseline hid {} findings in {files} files",
        report.summary.baselined
    ));
    for (key, n) in b.stale() {
        let _ = eprintln_warning(&format!(
            "baseline entry `{key}` ({n} findings): the file is gone (renamed or deleted); \
             re-record the baseline with --write-baseline"
        ));
    }
}
