//! Command-line interface: arguments, input reading, output and exit codes.
//!
//! Exit codes: 0 every file passes its gate, 1 a file fails it, 2 a usage or input error.

use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use mtlint::report::{FileReport, Report, render_json, render_text};
use mtlint::rules::{Catalog, Severity};
use mtlint::score::{Gate, Weights};
use mtlint::{Error, Linter, Options};

#[derive(Parser, Debug)]
#[command(
    name = "mtlint",
    version,
    about = "Finds the defects machine translation leaves in prose, and scores each document."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check files (or `-` for standard input) and report findings and scores.
    Check(CheckArgs),
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Files to check; `-` reads standard input.
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
    /// Fail a file whose score is below N (0–100).
    #[arg(long, value_name = "N")]
    min_score: Option<f64>,
    /// Fail a file with any finding of this severity or worse.
    #[arg(long, value_enum, default_value_t = FailOn::Major)]
    fail_on: FailOn,
    /// Add the rule files (*.toml) of DIR; a rule with an existing id replaces it.
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
    /// Severity weights of the penalty, e.g. `minor=1,major=5,critical=25`.
    #[arg(long, value_name = "LIST", value_parser = parse_weights)]
    weights: Option<Weights>,
    /// When to colour the text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum FailOn {
    Minor,
    Major,
    Critical,
    /// Never fail on severity alone (only `--min-score` gates).
    Never,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn parse_weights(s: &str) -> Result<Weights, String> {
    let mut w = Weights::default();
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
            Some(Severity::Minor) => w.minor = value,
            Some(Severity::Major) => w.major = value,
            Some(Severity::Critical) => w.critical = value,
            None => return Err(format!("unknown severity `{name}`")),
        }
    }
    Ok(w)
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Check(args) => check(args),
    }
}

fn fail(err: &Error) -> ExitCode {
    let _ = writeln!(io::stderr(), "mtlint: error: {err}");
    ExitCode::from(2)
}

fn check(args: CheckArgs) -> ExitCode {
    if let Some(m) = args.min_score
        && !(0.0..=100.0).contains(&m)
    {
        return fail(&Error::Usage(format!(
            "--min-score must be between 0 and 100, not {m}"
        )));
    }
    let mut catalog = match Catalog::embedded() {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    for dir in &args.rules {
        if let Err(e) = catalog.add_dir(dir) {
            return fail(&e);
        }
    }
    if let Some(lang) = &args.lang
        && !catalog.has_language(lang)
    {
        return fail(&Error::Usage(format!(
            "no rules for target language `{lang}`; languages with rules: {}",
            catalog.languages().join(", ")
        )));
    }
    if let Some(src) = &args.source_lang
        && !((2..=3).contains(&src.len()) && src.chars().all(|c| c.is_ascii_lowercase()))
    {
        return fail(&Error::Usage(format!(
            "`{src}` is not a language code (ISO 639-1, such as `ja`)"
        )));
    }
    let options = Options {
        language: args.lang.clone(),
        source_language: args.source_lang.clone(),
        weights: args.weights.unwrap_or_default(),
        gate: Gate {
            min_score: args.min_score,
            fail_on: match args.fail_on {
                FailOn::Minor => Some(Severity::Minor),
                FailOn::Major => Some(Severity::Major),
                FailOn::Critical => Some(Severity::Critical),
                FailOn::Never => None,
            },
        },
    };
    let mut linter = Linter::new(catalog, options);
    let mut stdin_used = false;
    let mut files = Vec::with_capacity(args.paths.len());
    for path in &args.paths {
        let bytes = if path == "-" {
            if stdin_used {
                Err(Error::Usage(
                    "`-` (standard input) can be given only once".into(),
                ))
            } else {
                stdin_used = true;
                let mut buf = Vec::new();
                io::stdin()
                    .read_to_end(&mut buf)
                    .map(|_| buf)
                    .map_err(|e| io_error(path, &e))
            }
        } else {
            std::fs::read(path).map_err(|e| io_error(path, &e))
        };
        let report = bytes.and_then(|b| linter.check_bytes(path, &b));
        files.push(match report {
            Ok(r) => r,
            Err(e) => {
                let _ = writeln!(io::stderr(), "mtlint: error: {e}");
                FileReport::failed(path, e.to_string())
            }
        });
    }
    let report = Report::new(files);
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none() && io::stdout().is_terminal(),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = match args.format {
        Format::Text => render_text(&report, &mut out, color),
        Format::Json => render_json(&report, &mut out),
    }
    .and_then(|()| out.flush());
    if let Err(e) = written {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return ExitCode::SUCCESS;
        }
        return fail(&Error::Io {
            path: "<stdout>".into(),
            message: e.to_string(),
        });
    }
    if report.has_errors() {
        ExitCode::from(2)
    } else if report.summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn io_error(path: &str, e: &io::Error) -> Error {
    let message = match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ if std::path::Path::new(path).is_dir() => "is a directory".to_string(),
        _ => e.to_string(),
    };
    Error::Io {
        path: path.to_string(),
        message,
    }
}
