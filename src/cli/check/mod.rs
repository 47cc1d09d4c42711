//! `mtlint check`: the run loop. It reads the inputs ([`inputs`], JSON Lines [`records`]),
//! checks them in parallel, applies a baseline ([`baselines`]), renders the report in the chosen
//! format and maps the outcome to an exit code. The arguments are in [`args`].

mod args;
mod baselines;
mod emit;
mod finish;
mod fix;
mod inputs;
mod records;
mod stream;

use std::io::{self, IsTerminal, Read};
use std::process::ExitCode;

use mtlint::config::Config;
use mtlint::report::{FileReport, RecordOrigin, Report};
use mtlint::rules::{Rule, Severity};
use mtlint::suppress::selector_matches;
use mtlint::{Error, Linter, Options};

pub use args::CheckArgs;
use args::{ColorChoice, FailOn, Format};
use baselines::{read_baseline, write_baseline};
use emit::Emitter;
use inputs::{Input, Source, collect_inputs, format_of, io_error};
use stream::Event;

use super::output::Sink;
use super::{fail, load_catalog, written};

fn check_one(
    linter: &Linter,
    args: &CheckArgs,
    input: &Input,
) -> Result<FileReport, (String, Error)> {
    match input {
        Input::Record {
            file,
            line,
            record: r,
        } => {
            check_record_languages(linter, r.lang.as_deref(), r.source_lang.as_deref()).map_err(
                |e| {
                    (
                        r.id(),
                        Error::Usage(format!("{file}: record `{}`: {e}", r.id())),
                    )
                },
            )?;
            let mut report = linter.check_record(
                file,
                &r.id(),
                &r.text,
                r.lang.as_deref(),
                r.source_lang.as_deref(),
            );
            report.record = Some(RecordOrigin {
                file: file.clone(),
                line: *line,
            });
            Ok(report)
        }
        // Checked as a whole by `check_all`, never one by one.
        Input::Segments { file, .. } => Err((
            file.clone(),
            Error::Usage(format!("{file}: segments are checked together")),
        )),
        Input::Pair { shown, .. } => Err((
            shown.clone(),
            Error::Usage(format!("{shown}: a source/target pair is checked together")),
        )),
        Input::Broken { shown, error } => Err((shown.clone(), clone_error(error))),
        Input::Stdin => {
            let mut buf = Vec::new();
            io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| ("-".to_string(), io_error("-", &e)))?;
            let text = mtlint::engine::decode("-", &buf).map_err(|e| ("-".to_string(), e))?;
            Ok(linter.check_input("-", text, format_of(args, "-")))
        }
        Input::File { shown, path } => {
            let bytes = std::fs::read(path).map_err(|e| (shown.clone(), io_error(shown, &e)))?;
            let text = mtlint::engine::decode(shown, &bytes).map_err(|e| (shown.clone(), e))?;
            Ok(linter.check_input(shown, text, format_of(args, shown)))
        }
    }
}

/// A record's own languages are held to the command line's rules: a target language with rules,
/// a source language that is a language code (F18).
fn check_record_languages(
    linter: &Linter,
    lang: Option<&str>,
    source: Option<&str>,
) -> Result<(), String> {
    if let Some(l) = lang
        && !linter.catalog().has_language(l)
    {
        return Err(format!(
            "no rules for target language `{l}`; languages with rules: {}",
            linter.catalog().languages().join(", ")
        ));
    }
    if let Some(s) = source
        && !((2..=3).contains(&s.len()) && s.chars().all(|c| c.is_ascii_lowercase()))
    {
        return Err(format!(
            "`{s}` is not a language code (ISO 639-1, such as `ja`)"
        ));
    }
    Ok(())
}

/// The results of one input: one per segment for a segmented document, else one.
fn check_all(
    linter: &Linter,
    args: &CheckArgs,
    input: &Input,
) -> Vec<Result<FileReport, (String, Error)>> {
    if let Input::Segments {
        file,
        segments,
        lines,
        ..
    } = input
    {
        let mut reports = linter.check_segments(file, segments);
        // One report per segment, in order: a JSON Lines segment keeps its record's line.
        for (r, &line) in reports.iter_mut().zip(lines) {
            r.record = Some(RecordOrigin {
                file: file.clone(),
                line,
            });
        }
        return reports.into_iter().map(Ok).collect();
    }
    if let Input::Pair {
        shown,
        path,
        source,
    } = input
    {
        let source_shown = source.display().to_string();
        let checked = inputs::read_text(&source_shown, source).and_then(|src| {
            let text = inputs::read_text(shown, path)?;
            linter.check_pair(shown, &text, &source_shown, &src)
        });
        return vec![checked.map_err(|e| (shown.clone(), e))];
    }
    vec![check_one(linter, args, input)]
}

fn clone_error(e: &Error) -> Error {
    Error::Usage(e.to_string())
}

fn validate_selectors(linter: &Linter, args: &CheckArgs) -> Result<(), Error> {
    let ids: Vec<String> = linter
        .catalog()
        .rules()
        .iter()
        .map(|r| r.id.to_string())
        .collect();
    for s in args.select.iter().chain(&args.ignore) {
        if !ids.iter().any(|id| selector_matches(s, id)) {
            return Err(Error::Usage(format!("`{s}` names no rule")));
        }
    }
    if let Some(lang) = &args.lang
        && !linter.catalog().has_language(lang)
    {
        return Err(Error::Usage(format!(
            "no rules for target language `{lang}`; languages with rules: {}",
            linter.catalog().languages().join(", ")
        )));
    }
    if let Some(src) = &args.source_lang
        && !((2..=3).contains(&src.len()) && src.chars().all(|c| c.is_ascii_lowercase()))
    {
        return Err(Error::Usage(format!(
            "`{src}` is not a language code (ISO 639-1, such as `ja`)"
        )));
    }
    if let Some(src) = &args.source_lang {
        finish::known_source_language(linter, src)?;
    }
    Ok(())
}

pub fn run(args: CheckArgs) -> ExitCode {
    if let Some(m) = args.min_score
        && !(0.0..=100.0).contains(&m)
    {
        return fail(&Error::Usage(format!(
            "--min-score must be between 0 and 100, not {m}"
        )));
    }
    let catalog = match load_catalog(&args.rules) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    // User rules are untrusted: their examples must pass before anything is checked.
    if !args.rules.is_empty() {
        let failures =
            mtlint::ruleset::examples::check_examples(&catalog, |r: &Rule| !r.origin.builtin);
        if !failures.is_empty() {
            for f in &failures {
                eprintln_quiet(&Error::Usage(format!("rule example: {f}")));
            }
            return ExitCode::from(2);
        }
    }
    let config_path = if args.no_config {
        None
    } else {
        args.config.clone().or_else(|| {
            std::env::current_dir()
                .ok()
                .and_then(|d| Config::discover(&d))
        })
    };
    let config = match &config_path {
        Some(p) => match Config::load(p, &catalog) {
            Ok(c) => Some(c),
            Err(e) => return fail(&e),
        },
        None => None,
    };
    let options = Options {
        language: args.lang.clone(),
        source_language: args.source_lang.clone(),
        weights: args.weights.clone().map(|w| w.0).unwrap_or_default(),
        min_score: args.min_score,
        fail_on: args.fail_on.map(|f| match f {
            FailOn::Minor => Some(Severity::Minor),
            FailOn::Major => Some(Severity::Major),
            FailOn::Critical => Some(Severity::Critical),
            FailOn::Never => None,
        }),
        select: args.select.clone(),
        ignore: args.ignore.clone(),
    };
    let mut linter = Linter::new(catalog, options);
    if args.timings {
        linter = linter.with_timings();
    }
    if let Some(c) = config {
        linter = match linter.with_config(c) {
            Ok(l) => l,
            Err(e) => return fail(&e),
        };
    }
    if let Some(p) = &args.glossary {
        let shown = p.display().to_string();
        let glossary = inputs::read_text(&shown, p).and_then(|text| {
            mtlint::bitext::glossary::Glossary::read(
                &shown,
                &text,
                args.source_lang.as_deref(),
                args.lang.as_deref(),
            )
        });
        linter = match glossary {
            Ok(g) => linter.with_glossary(g),
            Err(e) => return fail(&e),
        };
    }
    if let Err(e) = validate_selectors(&linter, &args) {
        return fail(&e);
    }
    let baseline = match &args.baseline {
        Some(p) => match read_baseline(p, baselines::path_keys(config_path.as_deref())) {
            Ok(b) => Some(b),
            Err(e) => return fail(&e),
        },
        None => None,
    };
    let inputs = match collect_inputs(&args) {
        Ok(i) => i,
        Err(e) => return fail(&e),
    };
    if let Some(code) = finish::unmatched(&args, &inputs) {
        return code;
    }
    let mut sink = match Sink::open(args.output.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            return fail(&Error::Io {
                path: args
                    .output
                    .as_ref()
                    .map_or_else(|| "<stdout>".into(), |p| p.display().to_string()),
                message: e.to_string(),
            });
        }
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none()
                && std::env::var_os("NO_COLOR").is_none()
                && io::stdout().is_terminal()
        }
    };
    // A bar only when the number of inputs is known (JSON Lines streams are counted as read).
    let known = inputs.iter().all(|s| matches!(s, Source::One(_)));
    let progress = (known && io::stderr().is_terminal() && inputs.len() > 20)
        .then(|| indicatif::ProgressBar::new(inputs.len() as u64));
    let mut emitter = Emitter::new(args.format, color);
    // With `--write-baseline` the reports are kept for the baseline and nothing is written;
    // with `--fix` or `--diff` they are kept for the fixes and written after them.
    let mut kept: Option<Vec<FileReport>> =
        (args.write_baseline.is_some() || args.fixes()).then(Vec::new);
    // A digest of each written report (no text), only where a step after the run needs them:
    // the job summary and the baseline notes.
    let summary_wanted = args.format == Format::Github
        && std::env::var_os("GITHUB_STEP_SUMMARY").is_some_and(|p| !p.is_empty());
    let mut digests: Option<Vec<FileReport>> =
        (summary_wanted || baseline.is_some()).then(Vec::new);
    let fix_inputs: Vec<inputs::Input> = if args.fixes() {
        inputs
            .iter()
            .filter_map(|s| match s {
                Source::One(inputs::Input::File { shown, path }) => Some(inputs::Input::File {
                    shown: shown.clone(),
                    path: path.clone(),
                }),
                _ => None,
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut unused = Vec::new();
    // Files whose suppressions name unknown rules: errors, reported as they come.
    let mut unknown_rules = 0usize;
    let mut written_so_far: io::Result<()> = if kept.is_none() {
        emitter.begin(sink.writer())
    } else {
        Ok(())
    };
    // `--jobs` gets a pool of its own; without it the global pool follows `RAYON_NUM_THREADS`.
    let pool = match args.jobs {
        Some(n) => match rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(n))
            .build()
        {
            Ok(p) => Some(p),
            Err(e) => {
                sink.abandon();
                return fail(&Error::Usage(format!("cannot start {n} threads: {e}")));
            }
        },
        None => None,
    };
    let outcome = stream::run(&args, &linter, inputs, pool.as_ref(), |event| {
        let results = match event {
            Event::Results(r) => r,
            Event::Idle => {
                if written_so_far.is_ok() && kept.is_none() {
                    written_so_far = sink.writer().flush();
                }
                return;
            }
        };
        for r in results {
            // Errors are printed here, in input order, not from the worker threads.
            let mut report = match r {
                Ok(r) => r,
                Err((shown, e)) => {
                    eprintln_quiet(&e);
                    FileReport::failed(&shown, e.to_string())
                }
            };
            if let Some(b) = &baseline
                && report.error.is_none()
            {
                linter.apply_baseline(&mut report, b);
            }
            if !report.unknown_suppressions.is_empty() {
                unknown_rules += 1;
                finish::unknown_suppressions(&report);
            }
            for u in &report.unused_suppressions {
                unused.push(format!(
                    "{}:{}:{}: unused suppression `{}`",
                    report.path, u.line, u.column, u.text
                ));
            }
            if let Some(k) = &mut kept {
                k.push(report);
                continue;
            }
            if let Some(d) = &mut digests {
                d.push(digest(&report));
            }
            if written_so_far.is_ok() {
                written_so_far = emitter.file(report, sink.writer());
            } else {
                // The output is gone (a closed pipe): the run goes on for the exit code.
                emitter.totals_only(&report);
            }
        }
        if let Some(p) = &progress {
            p.inc(1);
        }
    });
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    if let Err(payload) = outcome {
        sink.abandon();
        std::panic::resume_unwind(payload);
    }
    if let (Some(target), Some(files)) = (&args.write_baseline, &mut kept) {
        sink.abandon();
        return write_baseline(
            target,
            &Report::new(std::mem::take(files)),
            baselines::path_keys(config_path.as_deref()),
        );
    }
    // Fixes first, then the reports they leave are written like a streamed run's.
    if let Some(files) = kept {
        let report = match fix::fix_or_diff(
            &linter,
            &args,
            &fix_inputs,
            baseline.as_ref(),
            Report::new(files),
            &mut sink,
        ) {
            Ok(r) => r,
            Err(code) => return written(sink.finish()).unwrap_or(code),
        };
        written_so_far = emitter.begin(sink.writer());
        for f in report.files {
            if let Some(d) = &mut digests {
                d.push(digest(&f));
            }
            if written_so_far.is_ok() {
                written_so_far = emitter.file(f, sink.writer());
            } else {
                emitter.totals_only(&f);
            }
        }
    }
    let (errors, failed) = (emitter.totals.errors, emitter.totals.failed);
    let rules = linter.catalog().rules();
    let rendered = written_so_far.and_then(|()| emitter.finish(&rules, sink.writer()));
    let finished = match rendered {
        Ok(()) => sink.finish(),
        Err(e) => {
            sink.abandon();
            Err(e)
        }
    };
    if let Some(t) = linter.timings() {
        super::output::print_timings(&t);
    }
    if let Some(code) = written(finished) {
        return code;
    }
    if let Some(report) = digests.map(Report::new) {
        if args.format == Format::Github {
            finish::github_job_summary(&report);
        }
        finish::baseline_notes(&report, baseline.as_ref());
    }
    for u in &unused {
        let _ = eprintln_warning(u);
    }
    if errors > 0 || unknown_rules > 0 {
        ExitCode::from(2)
    } else if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A report without its text, for the steps after a run (the job summary, the baseline notes).
fn digest(r: &FileReport) -> FileReport {
    FileReport {
        text: std::sync::Arc::from(""),
        ..r.clone()
    }
}

fn eprintln_quiet(e: &Error) {
    use std::io::Write;
    let _ = writeln!(io::stderr(), "mtlint: error: {e}");
}

fn eprintln_warning(msg: &str) -> io::Result<()> {
    use std::io::Write;
    writeln!(io::stderr(), "mtlint: warning: {msg}")
}

fn note(msg: &str) -> io::Result<()> {
    use std::io::Write;
    writeln!(io::stderr(), "mtlint: {msg}")
}
