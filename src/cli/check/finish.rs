//! What a run does after its report is rendered: the GitHub job summary, and the warnings that
//! keep nothing silent.

use std::io::Write;

use mtlint::report::{Report, render_github_summary};

use super::eprintln_warning;

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
