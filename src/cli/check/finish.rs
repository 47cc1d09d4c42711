//! What a run does after its report is rendered: the GitHub job summary, and the warnings that
//! keep nothing silent.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use mtlint::Error;
use mtlint::baseline::Baseline;
use mtlint::report::{FileReport, Report, render_github_summary};

use super::CheckArgs;
use super::inputs::{Input, PROSE_EXTENSIONS, Source, shown_path};
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

/// The shown path of the file an input came from.
fn source_of(input: &Input) -> Option<&str> {
    match input {
        Input::File { shown, .. } | Input::Pair { shown, .. } | Input::Broken { shown, .. } => {
            Some(shown)
        }
        Input::Record { file, .. } | Input::Segments { file, .. } => Some(file),
        Input::Stdin => None,
    }
}

/// Directories and `--glob` patterns that matched no file, as warnings (errors with
/// `--strict`, and then the exit code). A file that does not exist is already an error.
pub(super) fn unmatched(args: &CheckArgs, inputs: &[Source]) -> Option<ExitCode> {
    let files: Vec<&str> = inputs
        .iter()
        .filter_map(|s| match s {
            Source::One(input) => source_of(input),
            Source::Jsonl { shown, path } => path.as_ref().map(|_| shown.as_str()),
            Source::Bilingual { shown, .. } => Some(shown),
        })
        .collect();
    let mut problems = Vec::new();
    let dirs: Vec<&Path> = args
        .paths
        .iter()
        .map(PathBuf::as_path)
        .filter(|p| p.is_dir())
        .collect();
    for dir in &dirs {
        let shown = shown_path(dir);
        if !files.iter().any(|f| Path::new(f).starts_with(&shown)) {
            let what = if args.glob.is_empty() {
                format!(
                    "no .{} file (give --glob to pick others)",
                    PROSE_EXTENSIONS.join(", .")
                )
            } else {
                "no file matching the --glob patterns".to_string()
            };
            problems.push(format!("{shown}: {what}"));
        }
    }
    for g in args.glob.iter().filter(|g| !g.starts_with('!')) {
        let Ok(glob) = globset::Glob::new(g) else {
            continue; // a bad glob is already an error
        };
        let m = glob.compile_matcher();
        // As in .gitignore: a pattern without `/` matches a file name at any depth.
        let matched = files.iter().any(|f| {
            let p = Path::new(f);
            dirs.iter().any(|d| {
                p.strip_prefix(shown_path(d)).is_ok_and(|rel| {
                    m.is_match(rel)
                        || (!g.contains('/') && p.file_name().is_some_and(|n| m.is_match(n)))
                })
            })
        });
        if !matched && !dirs.is_empty() {
            problems.push(format!("--glob `{g}` matched no file"));
        }
    }
    if problems.is_empty() {
        return None;
    }
    for p in &problems {
        if args.strict {
            let _ = writeln!(std::io::stderr(), "mtlint: error: {p} (--strict)");
        } else {
            let _ = eprintln_warning(p);
        }
    }
    args.strict.then(|| ExitCode::from(2))
}

/// `--source-lang` must be a language the rules know (a target language with rules, or the
/// source of a pair file: `ja` of `ja-en`) or at least one that detection knows: then the
/// checks that need no source-language data still run (bilingual numbers, lengths, names,
/// leftover source script), and a warning says that the pair rules do not.
pub(super) fn known_source_language(linter: &mtlint::Linter, source: &str) -> Result<(), Error> {
    let catalog = linter.catalog();
    let mut known = catalog.languages();
    known.extend(
        catalog
            .rules()
            .iter()
            .filter_map(|r| r.origin.source.clone()),
    );
    known.sort();
    known.dedup();
    if known.iter().any(|l| l == source) {
        return Ok(());
    }
    if mtlint::lang::is_known_code(source) {
        let _ = eprintln_warning(&format!(
            "no rules know source language `{source}`: only the checks that need no \
             source-language data run; languages the rules know: {}",
            known.join(", ")
        ));
        return Ok(());
    }
    Err(Error::Usage(format!(
        "no rules know source language `{source}`; languages the rules know: {}",
        known.join(", ")
    )))
}

/// Suppressions that name unknown rules, as errors on standard error.
pub(super) fn unknown_suppressions(f: &FileReport) {
    for u in &f.unknown_suppressions {
        let _ = writeln!(
            std::io::stderr(),
            "mtlint: error: {}:{}:{}: `{}` names no rule (in `{}`)",
            f.path,
            u.line,
            u.column,
            u.rule,
            u.text
        );
    }
}
