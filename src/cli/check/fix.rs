//! `mtlint check --fix` and `--diff`: the safe, literal fixes of a run's findings
//! ([`mtlint::fix`]) applied to the files they were found in, or shown as a unified diff.
//!
//! Each file is rewritten atomically (a temporary file renamed into place, its mode kept) and
//! only when it has an edit; a file that changed on disk since it was read is left alone.
//! Edits that overlap are refused (both of them), so a second run finds the same overlap and
//! changes nothing: the fixes are idempotent. Only files are fixed: standard input, JSON Lines
//! records and bilingual segments are reported, not rewritten.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;

use mtlint::Linter;
use mtlint::baseline::Baseline;
use mtlint::fix::{Edit, apply, plan};
use mtlint::report::{FileReport, Report};

use super::super::output::{Sink, write_atomically};
use super::inputs::{Input, format_of};
use super::{CheckArgs, eprintln_warning, note};

/// One file's fixed text.
struct Fixed {
    shown: String,
    path: PathBuf,
    before: String,
    after: String,
    edits: usize,
}

/// The fixed text of every file of `report` that has fixes; overlapping edits are warned about.
fn fixed_files(inputs: &[Input], report: &Report) -> Vec<Fixed> {
    let paths: HashMap<&str, &PathBuf> = inputs
        .iter()
        .filter_map(|i| match i {
            Input::File { shown, path } => Some((shown.as_str(), path)),
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for file in &report.files {
        let Some(&path) = paths.get(file.path.as_str()) else {
            continue;
        };
        if file.error.is_some() {
            continue;
        }
        let edits: Vec<Edit> = file
            .findings
            .iter()
            .filter_map(|f| f.fix.as_ref())
            .flat_map(|f| f.edits.iter().cloned())
            .collect();
        if edits.is_empty() {
            continue;
        }
        let (edits, overlaps) = plan(edits);
        for o in &overlaps {
            let (line, column) = line_col(&file.text, o.second.start);
            let _ = eprintln_warning(&format!(
                "{}:{line}:{column}: overlapping fixes (bytes {}..{} and {}..{}) not applied",
                file.path, o.first.start, o.first.end, o.second.start, o.second.end
            ));
        }
        if edits.is_empty() {
            continue;
        }
        let after = apply(&file.text, &edits);
        if after != *file.text {
            out.push(Fixed {
                shown: file.path.clone(),
                path: path.clone(),
                before: file.text.to_string(),
                after,
                edits: edits.len(),
            });
        }
    }
    out
}

fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = text.get(..at).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .unwrap_or_default()
        .chars()
        .count()
        + 1;
    (line, column)
}

/// With `--fix`: applies the fixes and returns the report of the files as they are now (each
/// fixed file checked again). With `--diff`: writes the unified diff of the fixes to `sink`
/// instead of a report and returns the exit code (1 when there is something to fix) for the
/// caller to finish the sink and exit with. Without
/// either: the report unchanged.
pub(super) fn fix_or_diff(
    linter: &Linter,
    args: &CheckArgs,
    inputs: &[Input],
    baseline: Option<&Baseline>,
    report: Report,
    sink: &mut Sink,
) -> Result<Report, ExitCode> {
    if !args.fix && !args.diff {
        return Ok(report);
    }
    let fixed = fixed_files(inputs, &report);
    if args.diff {
        let mut text = String::new();
        for f in &fixed {
            text.push_str(&unified_diff(&f.shown, &f.before, &f.after));
        }
        if let Err(e) = sink.writer().write_all(text.as_bytes()) {
            return Err(super::super::fail(&mtlint::Error::Io {
                path: "<output>".into(),
                message: e.to_string(),
            }));
        }
        let edits: usize = fixed.iter().map(|f| f.edits).sum();
        let _ = note(&format!(
            "{edits} fixes in {} files (not applied: --diff)",
            fixed.len()
        ));
        return Err(if report.has_errors() {
            ExitCode::from(2)
        } else if fixed.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    let mut files = report.files;
    let mut applied = (0, 0);
    for f in fixed {
        // Never overwrite what someone else changed since it was read.
        match std::fs::read(&f.path) {
            Ok(bytes) if bytes == f.before.as_bytes() => {}
            _ => {
                let _ = eprintln_warning(&format!(
                    "{}: changed since it was read; not fixed",
                    f.shown
                ));
                continue;
            }
        }
        if let Err(e) = write_atomically(&f.path, f.after.as_bytes()) {
            let _ = eprintln_warning(&format!("{}: cannot write the fixes: {e}", f.shown));
            continue;
        }
        applied.0 += f.edits;
        applied.1 += 1;
        let mut again: FileReport =
            linter.check_input(&f.shown, &f.after, format_of(args, &f.shown));
        if let Some(b) = baseline {
            linter.apply_baseline(&mut again, b);
        }
        if let Some(slot) = files.iter_mut().find(|r| r.path == f.shown) {
            *slot = again;
        }
    }
    let _ = note(&format!(
        "fixed {} findings in {} files",
        applied.0, applied.1
    ));
    Ok(Report::new(files))
}

/// A unified diff (`--- a/PATH`, `+++ b/PATH`, hunks with three lines of context).
pub(super) fn unified_diff(shown: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{shown}"), &format!("b/{shown}"))
        .to_string()
}
