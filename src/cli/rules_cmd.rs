//! `mtlint rules`, `mtlint explain` and `mtlint test-rules`: the rules as a reference, and the
//! example harness for users' own rule files.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use mtlint::Error;
use mtlint::rules::Rule;
use mtlint::ruleset::Catalog;
use mtlint::ruleset::examples::check_examples;

use super::{fail, load_catalog, written};

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Only the rules that apply to this target language.
    #[arg(long, value_name = "L")]
    lang: Option<String>,
    /// With --lang: include the pair rules for this source language.
    #[arg(long, value_name = "S", requires = "lang")]
    source_lang: Option<String>,
    /// Add the rule files (*.toml) of DIR.
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    format: ListFormat,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ListFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// The rule id, such as `en/glued-words`.
    rule: String,
    /// Add the rule files (*.toml) of DIR.
    #[arg(long, value_name = "DIR")]
    rules: Vec<PathBuf>,
}

#[derive(Args, Debug)]
pub struct TestRulesArgs {
    /// Directory of rule files (*.toml) whose examples to run.
    dir: PathBuf,
}

fn languages(rule: &Rule) -> String {
    match (&rule.origin.source, rule.origin.language.as_str()) {
        (_, "*") => "all".to_string(),
        (Some(s), l) => format!("{s}→{l}"),
        (None, l) => l.to_string(),
    }
}

fn selected(catalog: &Catalog, args: &RulesArgs) -> Vec<std::sync::Arc<Rule>> {
    match &args.lang {
        Some(l) => catalog
            .rule_set(l, args.source_lang.as_deref())
            .rules()
            .iter()
            .map(|c| c.rule.clone())
            .collect(),
        None => catalog.rules(),
    }
}

pub fn list(args: &RulesArgs) -> ExitCode {
    let catalog = match load_catalog(&args.rules) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    if let Some(l) = &args.lang
        && !catalog.has_language(l)
    {
        return fail(&Error::Usage(format!(
            "no rules for target language `{l}`; languages with rules: {}",
            catalog.languages().join(", ")
        )));
    }
    // F27d: the same rule as `check --source-lang`.
    if let Some(s) = &args.source_lang
        && !((2..=3).contains(&s.len()) && s.chars().all(|c| c.is_ascii_lowercase()))
    {
        return fail(&Error::Usage(format!(
            "`{s}` is not a language code (ISO 639-1, such as `ja`)"
        )));
    }
    let rules = selected(&catalog, args);
    let mut out = io::BufWriter::new(io::stdout());
    let result = match args.format {
        ListFormat::Text => (|| {
            for r in &rules {
                writeln!(
                    out,
                    "{:<32} {:<8} {:<12} {:<8} {}{}",
                    r.id,
                    languages(r),
                    r.category.to_string(),
                    r.severity.to_string(),
                    r.message,
                    if r.optional { " (off by default)" } else { "" }
                )?;
            }
            if let Some(l) = &args.lang {
                for note in data_notes(&catalog, l, args.source_lang.as_deref()) {
                    writeln!(out, "note: {note}")?;
                }
            }
            out.flush()
        })(),
        ListFormat::Json => (|| {
            let list: Vec<serde_json::Value> = rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": &*r.id,
                        "kind": r.kind,
                        "languages": languages(r),
                        "category": r.category,
                        "severity": r.severity,
                        "message": r.message,
                        "why": r.why,
                        "suggestion": r.suggestion,
                        "optional": r.optional,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &list)?;
            writeln!(out)?;
            out.flush()
        })(),
    };
    written(result).unwrap_or(ExitCode::SUCCESS)
}

/// What the sentence-integrity checks lack for a language, so that a gap is never silent.
fn data_notes(catalog: &Catalog, language: &str, source: Option<&str>) -> Vec<String> {
    let set = catalog.rule_set(language, source);
    let g = &set.segmentation.grammar;
    let mut notes = Vec::new();
    if g.is_empty() {
        notes.push(format!(
            "{language}: no [grammar] data; dangling-fragment, truncation, run-on and \
             broken-split check only their word lists"
        ));
    }
    let has_kind = |k: &str| set.rules().iter().any(|r| r.kind == k);
    if has_kind("glued-words") && mtlint::lexicon::Lexicon::get(language).is_none() {
        notes.push(format!(
            "{language}: no embedded lexicon; glued-words finds only names the document also \
             writes apart"
        ));
    }
    notes
}

pub fn explain(args: &ExplainArgs) -> ExitCode {
    let catalog = match load_catalog(&args.rules) {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    let rules = catalog.rules();
    let Some(rule) = rules.iter().find(|r| *r.id == *args.rule) else {
        let near: Vec<&str> = rules
            .iter()
            .map(|r| &*r.id)
            .filter(|id| {
                let name = args.rule.rsplit('/').next().unwrap_or(&args.rule);
                !name.is_empty() && id.rsplit('/').next().is_some_and(|n| n.contains(name))
            })
            .take(5)
            .collect();
        let hint = if near.is_empty() {
            String::new()
        } else {
            format!("; did you mean {}?", near.join(", "))
        };
        return fail(&Error::Usage(format!("no rule `{}`{hint}", args.rule)));
    };
    let mut out = io::BufWriter::new(io::stdout());
    let result = (|| {
        writeln!(out, "{}", rule.id)?;
        writeln!(
            out,
            "  {} · {} · {} · kind {} · {}:{}",
            languages(rule),
            rule.category,
            rule.severity,
            rule.kind,
            rule.origin.path,
            rule.origin.line
        )?;
        writeln!(out, "\nMessage: {}", rule.message)?;
        if let Some(s) = &rule.suggestion {
            writeln!(out, "Suggestion: {s}")?;
        }
        writeln!(out, "\nWhy:\n  {}", rule.why.replace('\n', "\n  "))?;
        writeln!(out, "\nExamples:")?;
        for ex in &rule.examples {
            match ex.expected {
                Some(span) => writeln!(
                    out,
                    "  bad:  {}[{}]{}",
                    &ex.text[..span.start],
                    &ex.text[span.start..span.end],
                    &ex.text[span.end..]
                )?,
                None => writeln!(out, "  good: {}", ex.text)?,
            }
        }
        out.flush()
    })();
    written(result).unwrap_or(ExitCode::SUCCESS)
}

pub fn test_rules(args: &TestRulesArgs) -> ExitCode {
    let mut catalog = match Catalog::embedded() {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    if let Err(e) = catalog.add_dir(&args.dir) {
        return fail(&e);
    }
    let mine = |r: &Rule| !r.origin.builtin;
    let mut failures = Vec::new();
    let mut failed_rules = 0;
    let mut count = 0;
    for rule in catalog.rules().iter().filter(|r| mine(r)) {
        count += 1;
        let own = check_examples(&catalog, |r| r.id == rule.id);
        failed_rules += usize::from(!own.is_empty());
        failures.extend(own);
    }
    let mut out = io::stdout();
    let result = (|| {
        for f in &failures {
            writeln!(out, "{f}")?;
        }
        writeln!(
            out,
            "{} passed, {failed_rules} failed",
            count - failed_rules
        )
    })();
    if let Some(code) = written(result) {
        return code;
    }
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
