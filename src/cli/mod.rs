//! Command-line interface: arguments, input reading, output and exit codes. The library does
//! the work; this module reads files, prints, and maps outcomes to exit codes:
//! 0 every file passes its gate, 1 a file fails it, 2 a usage, configuration or input error.

mod check;
mod output;
mod rules_cmd;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use mtlint::Error;
use mtlint::ruleset::Catalog;

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
    /// Check files, directories or standard input (`-`) and report findings and scores.
    Check(Box<check::CheckArgs>),
    /// List the rules: id, languages, category, severity, message.
    Rules(rules_cmd::RulesArgs),
    /// Explain a rule: why it exists, its examples and its suggestion.
    Explain(rules_cmd::ExplainArgs),
    /// Run the examples of your own rule files and report the failures.
    TestRules(rules_cmd::TestRulesArgs),
    /// Print the JSON Schema of the report that `check --format json` writes.
    Schema,
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
        Command::Check(args) => check::run(*args),
        Command::Rules(args) => rules_cmd::list(&args),
        Command::Explain(args) => rules_cmd::explain(&args),
        Command::TestRules(args) => rules_cmd::test_rules(&args),
        Command::Schema => written(mtlint::report::render_schema(&mut io::stdout().lock()))
            .unwrap_or(ExitCode::SUCCESS),
    }
}

/// Reports an error on standard error and returns exit code 2.
fn fail(err: &Error) -> ExitCode {
    let _ = writeln!(io::stderr(), "mtlint: error: {err}");
    ExitCode::from(2)
}

/// The embedded rules and those of each `--rules` directory.
fn load_catalog(dirs: &[PathBuf]) -> Result<Catalog, Error> {
    let mut catalog = Catalog::embedded()?;
    for dir in dirs {
        catalog.add_dir(dir)?;
    }
    Ok(catalog)
}

/// Maps a write error: a closed pipe ends the output quietly (the exit code is still that of
/// the run, so a failing gate read through `| head` still exits 1), anything else is an error.
fn written(result: io::Result<()>) -> Option<ExitCode> {
    match result {
        Ok(()) => None,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => None,
        Err(e) => Some(fail(&Error::Io {
            path: "<output>".into(),
            message: e.to_string(),
        })),
    }
}
