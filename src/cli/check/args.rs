//! The arguments of `mtlint check`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use mtlint::rules::Severity;

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files or directories to check; `-` reads standard input.
    #[arg(required = true, value_name = "PATHS")]
    pub(super) paths: Vec<PathBuf>,
    /// Target language of the text (ISO 639-1, e.g. `en`); detected per file when not given.
    #[arg(long, value_name = "L")]
    pub(super) lang: Option<String>,
    /// Source language the text was translated from (e.g. `ja`); enables pair rules.
    #[arg(long, value_name = "S")]
    pub(super) source_lang: Option<String>,
    /// The source text of the one target file given: the two are aligned by paragraph and
    /// sentence and checked as a translation.
    #[arg(long, value_name = "FILE")]
    pub(super) source: Option<PathBuf>,
    /// A glossary (CSV: source,target[,forbidden]; or TBX) checked on bilingual input.
    #[arg(long, value_name = "FILE")]
    pub(super) glossary: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub(super) format: Format,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub(super) output: Option<PathBuf>,
    /// Fail a file whose score is below N (0–100).
    #[arg(long, value_name = "N")]
    pub(super) min_score: Option<f64>,
    /// Fail a file with any finding of this severity or worse [default: major].
    #[arg(long, value_enum)]
    pub(super) fail_on: Option<FailOn>,
    /// Only these rules (ids or id prefixes such as `en/`), added to the configuration's.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub(super) select: Vec<String>,
    /// Not these rules (ids or id prefixes).
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub(super) ignore: Vec<String>,
    /// Add the rule files (*.toml) of DIR; a rule with an existing id replaces it.
    #[arg(long, value_name = "DIR")]
    pub(super) rules: Vec<PathBuf>,
    /// Severity weights of the penalty, e.g. `minor=1,major=5,critical=25`.
    #[arg(long, value_name = "LIST", value_parser = parse_weights)]
    pub(super) weights: Option<WeightList>,
    /// Configuration file [default: mtlint.toml found from the working directory upward].
    #[arg(long, value_name = "FILE")]
    pub(super) config: Option<PathBuf>,
    /// Do not read any configuration file.
    #[arg(long, conflicts_with = "config")]
    pub(super) no_config: bool,
    /// Report and gate only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub(super) baseline: Option<PathBuf>,
    /// Record today's findings in FILE as a baseline, and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub(super) write_baseline: Option<PathBuf>,
    /// In directories, check only files matching these globs (`!GLOB` excludes).
    #[arg(long, value_name = "GLOB")]
    pub(super) glob: Vec<String>,
    /// How to read the inputs [default: from each file's extension].
    #[arg(long, value_enum)]
    pub(super) input_format: Option<InputKind>,
    /// Check with N threads [default: `RAYON_NUM_THREADS` when set, else one per core]. The
    /// output is the same for every N.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub(super) jobs: Option<u16>,
    /// Apply the safe, literal fixes to the files (atomically, each file once), then report
    /// what remains.
    #[arg(long, conflicts_with_all = ["diff", "write_baseline"])]
    pub(super) fix: bool,
    /// Print the fixes as a unified diff instead of a report; change nothing (exit 1 when
    /// there is something to fix).
    #[arg(long, conflicts_with = "write_baseline")]
    pub(super) diff: bool,
    /// Make a directory or --glob that matches no file an error (exit 2), not a warning.
    #[arg(long)]
    pub(super) strict: bool,
    /// When to colour the text output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub(super) color: ColorChoice,
    /// Print the time spent in each stage and each rule on standard error.
    #[arg(long)]
    pub(super) timings: bool,
}

impl CheckArgs {
    /// Whether the run fixes files or shows their fixes (`--fix`, `--diff`).
    pub(super) fn fixes(&self) -> bool {
        self.fix || self.diff
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum Format {
    Text,
    Json,
    Jsonl,
    Sarif,
    Github,
    Junit,
    /// One self-contained HTML page for reviewers.
    Html,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(super) enum FailOn {
    Minor,
    Major,
    Critical,
    /// Never fail on severity alone (only `--min-score` gates).
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(super) enum InputKind {
    Text,
    Markdown,
    Html,
    /// JSON Lines records: {"id", "text", "lang"?, "source_lang"?}.
    Jsonl,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(super) enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Weights given with `--weights`, each severity on its own.
#[derive(Clone, Debug)]
pub(super) struct WeightList(pub(super) Vec<(Severity, f64)>);

pub(super) fn parse_weights(s: &str) -> Result<WeightList, String> {
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
