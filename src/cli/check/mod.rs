//! `mtlint check`: the run loop. It reads the inputs ([`inputs`], JSON Lines [`records`]),
//! checks them in parallel, applies a baseline ([`baselines`]), renders the report in the chosen
//! format and maps the outcome to an exit code. The arguments are in [`args`].

mod args;
mod baselines;
mod inputs;
mod records;

use std::io::{self, IsTerminal, Read};
use std::process::ExitCode;

use rayon::prelude::*;

use mtlint::config::Config;
use mtlint::report::{
    FileReport, Report, render_github, render_html, render_json, render_jsonl_file, render_junit,
    render_sarif, render_text,
};
use mtlint::rules::{Rule, Severity};
use mtlint::suppress::selector_matches;
use mtlint::{Error, Linter, Options};

pub use args::CheckArgs;
use args::{ColorChoice, FailOn, Format};
use baselines::{read_baseline, write_baseline};
use inputs::{Input, collect_inputs, format_of, io_error};

use super::output::Sink;
use super::{fail, load_catalog, written};

fn check_one(
    linter: &Linter,
    args: &CheckArgs,
    input: &Input,
) -> Result<FileReport, (String, Error)> {
    match input {
        Input::Record { file, record: r } => {
            check_record_languages(linter, r.lang.as_deref(), r.source_lang.as_deref()).map_err(
                |e| {
                    (
                        r.id(),
                        Error::Usage(format!("{file}: record `{}`: {e}", r.id())),
                    )
                },
            )?;
            Ok(linter.check_record(
                file,
                &r.id(),
                &r.text,
                r.lang.as_deref(),
                r.source_lang.as_deref(),
            ))
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
    if let Input::Segments { file, segments, .. } = input {
        return linter
            .check_segments(file, segments)
            .into_iter()
            .map(Ok)
            .collect();
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
        Some(p) => match read_baseline(p) {
            Ok(b) => Some(b),
            Err(e) => return fail(&e),
        },
        None => None,
    };
    let inputs = match collect_inputs(&args) {
        Ok(i) => i,
        Err(e) => return fail(&e),
    };
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
    let progress = (io::stderr().is_terminal() && inputs.len() > 20)
        .then(|| indicatif::ProgressBar::new(inputs.len() as u64));
    // Checked in parallel, in chunks, so JSON Lines can stream in input order.
    let chunk = rayon::current_num_threads().max(1) * 4;
    let mut files = Vec::with_capacity(inputs.len());
    let mut streamed = Ok(());
    for part in inputs.chunks(chunk) {
        let results: Vec<Result<FileReport, (String, Error)>> = part
            .par_iter()
            .flat_map_iter(|input| check_all(&linter, &args, input))
            .collect();
        // Errors are printed here, in input order, not from the worker threads.
        let mut reports: Vec<FileReport> = results
            .into_iter()
            .map(|r| match r {
                Ok(r) => r,
                Err((shown, e)) => {
                    eprintln_quiet(&e);
                    FileReport::failed(&shown, e.to_string())
                }
            })
            .collect();
        if let Some(b) = &baseline {
            for r in &mut reports {
                if r.error.is_none() {
                    linter.apply_baseline(r, b);
                }
            }
        }
        if args.format == Format::Jsonl && args.write_baseline.is_none() && streamed.is_ok() {
            for r in &reports {
                streamed = streamed.and_then(|()| render_jsonl_file(r, sink.writer()));
            }
        }
        if let Some(p) = &progress {
            p.inc(part.len() as u64);
        }
        files.extend(reports);
    }
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    let report = Report::new(files);
    if let Some(target) = &args.write_baseline {
        sink.abandon();
        return write_baseline(target, &report);
    }
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            args.output.is_none()
                && std::env::var_os("NO_COLOR").is_none()
                && io::stdout().is_terminal()
        }
    };
    let rules = linter.catalog().rules();
    let rendered = match args.format {
        Format::Text => render_text(&report, sink.writer(), color),
        Format::Json => render_json(&report, sink.writer()),
        Format::Jsonl => streamed,
        Format::Sarif => render_sarif(&report, &rules, sink.writer()),
        Format::Github => render_github(&report, sink.writer()),
        Format::Junit => render_junit(&report, sink.writer()),
        Format::Html => render_html(&report, sink.writer()),
    };
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
    for f in &report.files {
        for u in &f.unused_suppressions {
            let _ = eprintln_warning(&format!(
                "{}:{}:{}: unused suppression `{}`",
                f.path, u.line, u.column, u.text
            ));
        }
    }
    if report.has_errors() {
        ExitCode::from(2)
    } else if report.summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
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
