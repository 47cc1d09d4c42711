//! `mtlint check`: inputs (files, directories, standard input, JSON Lines records), the
//! configuration file, the gate, baselines and every output format.

use std::io::{self, IsTerminal, Read};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use rayon::prelude::*;
use serde::Deserialize;

use mtlint::baseline::{Baseline, fingerprint};
use mtlint::config::Config;
use mtlint::input::InputFormat;
use mtlint::report::{
    FileReport, Report, render_github, render_json, render_jsonl_file, render_junit, render_sarif,
    render_text,
};
use mtlint::rules::Severity;
use mtlint::suppress::selector_matches;
use mtlint::{Error, Linter, Options};

use super::output::{Sink, write_atomically};
use super::{fail, load_catalog, written};

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files or directories to check; `-` reads standard input.
    #[arg(required = true, value_name = "PATHS")]
    paths: Vec<String>,
    /// Target language of the text (ISO 639-1, e.g. `en`); detected per file when not given.
    #[arg(long, value_name = "L")]
    lang: Option<String>,
    /// Source language the text was translated from (e.g. `ja`); enables pair rules.
    #[arg(long, value_name = "S")]
    source_lang: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Fail a file whose score is below N (0–100).
    #[arg(long, value_name = "N")]
    min_score: Option<f64>,
    /// Fail a file with any finding of this severity or worse [default: major].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,
    /// Only these rules (ids or id prefixes such as `en/`), added to the configuration's.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    select: Vec<String>,
    /// Not these rules (ids or id prefixes).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    ignore: Vec<String>,
    /// Add the rule files (*.toml) of DIR; a rule with an existing id replaces it.
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Severity weights of the penalty, e.g. `minor=1,major=5,critical=25`.
    #[arg(long, value_name = "LIST", value_parser = parse_weights)]
    weights: Option<WeightList>,
    /// Configuration file [default: mtlint.toml found from the working directory upward].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Do not read any configuration file.
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
    /// Report and gate only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record today's findings in FILE as a baseline, and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    write_baseline: Option<PathBuf>,
    /// In directories, check only files matching these globs (`!GLOB` excludes).
    #[arg(long, value_name = "GLOB")]
    glob: Vec<String>,
    /// How to read the inputs [default: from each file's extension].
    #[arg(long, value_enum)]
    input_format: Option<InputKind>,
    /// When to colour the text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
    Jsonl,
    Sarif,
    Github,
    Junit,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FailOn {
    Minor,
    Major,
    Critical,
    /// Never fail on severity alone (only `--min-score` gates).
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum InputKind {
    Text,
    Markdown,
    Html,
    /// JSON Lines records: {"id", "text", "lang"?, "source_lang"?}.
    Jsonl,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Weights given with `--weights`, each severity on its own.
#[derive(Clone, Debug)]
struct WeightList(Vec<(Severity, f64)>);

fn parse_weights(s: &str) -> Result<WeightList, String> {
    let mut w = Vec::new();
    for part in s.split(',') {
        let (name, value) = part
            .split_once('=')
            .ok_or_else(|| format!("`{part}` is not SEVERITY=WEIGHT"))?;
        let value: f64 = value
            .trim()
            .parse()
            .ok()
            .filter(|v: &f64| (0.0..=1000.0).contains(v))
            .ok_or_else(|| format!("`{value}` is not a number from 0 to 1000"))?;
        match Severity::parse(name.trim()) {
            Some(severity) => w.push((severity, value)),
            None => return Err(format!("unknown severity `{name}`")),
        }
    }
    Ok(WeightList(w))
}

/// One unit to check.
enum Input {
    File {
        shown: String,
        path: PathBuf,
    },
    Stdin,
    Record {
        file: String,
        record: Record,
    },
    /// A path that could not be read or walked.
    Broken {
        shown: String,
        error: Error,
    },
}

#[derive(Debug, Deserialize)]
struct Record {
    id: serde_json::Value,
    text: String,
    lang: Option<String>,
    source_lang: Option<String>,
}

impl Record {
    fn id(&self) -> String {
        match &self.id {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
}

/// Extensions checked when walking a directory.
const PROSE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "jsonl"];

fn io_error(path: &str, e: &io::Error) -> Error {
    let message = match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ if Path::new(path).is_dir() => "is a directory".to_string(),
        _ => e.to_string(),
    };
    Error::Io {
        path: path.to_string(),
        message,
    }
}

/// Reads JSON Lines records; a bad line is an error naming the line.
fn records(shown: &str, text: &str) -> Vec<Input> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Record>(line) {
            Ok(record) => out.push(Input::Record {
                file: shown.to_string(),
                record,
            }),
            Err(e) => out.push(Input::Broken {
                shown: format!("{shown}:{}", n + 1),
                error: Error::Usage(format!(
                    "{shown}:{}:{}: not a JSON Lines record {{\"id\", \"text\", \"lang\"?, \"source_lang\"?}}: {e}",
                    n + 1,
                    e.column()
                )),
            }),
        }
    }
    out
}

fn collect_inputs(args: &CheckArgs) -> Result<Vec<Input>, Error> {
    let mut inputs = Vec::new();
    let jsonl = |p: &str| {
        args.input_format == Some(InputKind::Jsonl)
            || (args.input_format.is_none() && p.to_ascii_lowercase().ends_with(".jsonl"))
    };
    let mut stdin_used = false;
    for p in &args.paths {
        if p == "-" {
            if stdin_used {
                return Err(Error::Usage(
                    "`-` (standard input) can be given only once".into(),
                ));
            }
            stdin_used = true;
            if jsonl(p) {
                let mut text = String::new();
                io::stdin()
                    .read_to_string(&mut text)
                    .map_err(|e| io_error("-", &e))?;
                inputs.extend(records("-", &text));
            } else {
                inputs.push(Input::Stdin);
            }
            continue;
        }
        let path = Path::new(p);
        if path.is_dir() {
            let mut overrides = ignore::overrides::OverrideBuilder::new(path);
            for g in &args.glob {
                overrides
                    .add(g)
                    .map_err(|e| Error::Usage(format!("bad --glob `{g}`: {e}")))?;
            }
            let overrides = overrides
                .build()
                .map_err(|e| Error::Usage(format!("bad --glob: {e}")))?;
            let mut found: Vec<PathBuf> = Vec::new();
            for entry in ignore::WalkBuilder::new(path).overrides(overrides).build() {
                match entry {
                    Ok(e) if e.file_type().is_some_and(|t| t.is_file()) => {
                        let ext = e
                            .path()
                            .extension()
                            .and_then(|x| x.to_str())
                            .map(str::to_ascii_lowercase);
                        // Globs that pick files replace the extension filter; exclusions do not.
                        let picking = args.glob.iter().any(|g| !g.starts_with('!'));
                        if !picking
                            && !ext
                                .as_deref()
                                .is_some_and(|x| PROSE_EXTENSIONS.contains(&x))
                        {
                            continue;
                        }
                        found.push(e.into_path());
                    }
                    Ok(_) => {}
                    Err(e) => inputs.push(Input::Broken {
                        shown: p.clone(),
                        error: Error::Io {
                            path: p.clone(),
                            message: e.to_string(),
                        },
                    }),
                }
            }
            found.sort();
            for f in found {
                let shown = f.display().to_string();
                inputs.push(Input::File { shown, path: f });
            }
        } else {
            inputs.push(Input::File {
                shown: p.clone(),
                path: path.to_path_buf(),
            });
        }
    }
    // JSON Lines files become their records.
    let mut out = Vec::with_capacity(inputs.len());
    for i in inputs {
        match i {
            Input::File { shown, path } if jsonl(&shown) => match std::fs::read(&path) {
                Ok(bytes) => match mtlint::engine::decode(&shown, &bytes) {
                    Ok(text) => out.extend(records(&shown, text.trim_start_matches('\u{feff}'))),
                    Err(error) => out.push(Input::Broken { shown, error }),
                },
                Err(e) => out.push(Input::Broken {
                    error: io_error(&shown, &e),
                    shown,
                }),
            },
            other => out.push(other),
        }
    }
    Ok(out)
}

fn format_of(args: &CheckArgs, shown: &str) -> InputFormat {
    match args.input_format {
        Some(InputKind::Markdown) => InputFormat::Markdown,
        Some(InputKind::Html) => InputFormat::Html,
        Some(InputKind::Text | InputKind::Jsonl) => InputFormat::Text,
        None => InputFormat::from_path(shown),
    }
}

fn check_one(
    linter: &Linter,
    args: &CheckArgs,
    input: &Input,
) -> Result<FileReport, (String, Error)> {
    match input {
        Input::Record { file, record: r } => Ok(linter.check_record(
            file,
            &r.id(),
            &r.text,
            r.lang.as_deref(),
            r.source_lang.as_deref(),
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
    if let Some(c) = config {
        linter = match linter.with_config(c) {
            Ok(l) => l,
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
        let mut reports: Vec<FileReport> = part
            .par_iter()
            .map(|input| match check_one(&linter, &args, input) {
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
    };
    let finished = match rendered {
        Ok(()) => sink.finish(),
        Err(e) => {
            sink.abandon();
            Err(e)
        }
    };
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

fn read_baseline(path: &Path) -> Result<Baseline, Error> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| io_error(&shown, &e))?;
    serde_json::from_str(&text).map_err(|e| Error::RuleFile {
        path: shown,
        line: e.line(),
        column: e.column(),
        message: format!("not an mtlint baseline: {e}"),
    })
}

fn write_baseline(target: &Path, report: &Report) -> ExitCode {
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
