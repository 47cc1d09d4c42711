//! The report: what a run found, per file, in the shape of the JSON contract. Renderers for
//! each output format live beside it and write to any `io::Write`.

mod github;
mod html;
mod json;
mod junit;
mod sarif;
mod schema;
mod text;

use std::sync::Arc;

use serde::Serialize;

pub use github::{render_github, render_github_summary};
pub use html::render_html;
pub use json::{render_json, render_jsonl_file};
pub use junit::render_junit;
pub use sarif::{render_sarif, render_sarif_results, sarif_results};
pub(crate) use schema::SpanSchema;
pub use schema::{render_schema, report_schema};
pub use text::render_text;

use crate::document::{LineIndex, Span};
use crate::finding::Finding;
use crate::rules::{Category, Severity};
use crate::ruleset::RuleSet;
use crate::score::{Gate, Score};
use crate::suppress::Unused;

/// The version of the report format: raised when a field changes meaning or goes away (new
/// fields may appear within a version).
pub const REPORT_VERSION: u32 = 1;

/// The whole report of a run.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Report {
    /// The version of the report format ([`REPORT_VERSION`]).
    pub version: u32,
    pub tool: Tool,
    pub files: Vec<FileReport>,
    pub summary: Summary,
}

#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct Summary {
    pub files: usize,
    pub findings: usize,
    /// Findings a baseline hid, over all files.
    #[serde(skip_serializing_if = "is_zero")]
    pub baselined: usize,
    pub passed: usize,
    pub failed: usize,
}

/// The report of one input.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct FileReport {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub language: Option<String>,
    /// Confidence of the detected language; `null` when the language was given.
    pub language_confidence: Option<f64>,
    pub source_language: Option<String>,
    pub words: usize,
    pub penalty: f64,
    /// The penalty per 1,000 words (texts under 100 words count as 100), unclamped: the score
    /// is `100 − penalty_per_1k_words`, floored at 0.
    pub penalty_per_1k_words: f64,
    pub score: f64,
    pub passed: bool,
    pub findings: Vec<FindingReport>,
    /// When the language rules did not run (the language was undecided, or has no rules):
    /// why, and which rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_run: Option<NotRun>,
    /// Findings a baseline hid (not in `findings`, not scored).
    #[serde(skip_serializing_if = "is_zero")]
    pub baselined: usize,
    /// Suppression comments naming a rule that does not exist: an error (exit 2).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unknown_suppressions: Vec<crate::suppress::UnknownRule>,
    /// Suppression comments that suppressed nothing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unused_suppressions: Vec<Unused>,
    /// The checked text, for renderers that quote it.
    #[serde(skip)]
    pub text: Arc<str>,
    /// The gate the input was judged by (its file's settings, also for a JSONL record, so a
    /// baseline re-judges it by the same gate) and, when it fails, why.
    pub gate: GateReport,
    /// The source text of a bilingual segment, for renderers that quote it.
    #[serde(skip)]
    pub source: Option<Arc<str>>,
    /// For a JSON Lines record: the file and the line it was read from, so that SARIF can
    /// place its findings in that file (F19).
    #[serde(skip)]
    pub record: Option<RecordOrigin>,
}

/// Where a JSON Lines record was read: its file (`-` for standard input) and 1-based line.
#[derive(Clone, Debug)]
pub struct RecordOrigin {
    pub file: String,
    pub line: usize,
}

/// The gate of one input: its conditions and, when the input fails, why.
#[derive(Clone, Debug, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct GateReport {
    /// The input fails with a score below this; `null`: the score does not gate.
    pub min_score: Option<f64>,
    /// The input fails with a finding of this severity or worse.
    pub fail_on: FailOn,
    /// One sentence per failed condition ("score 91.2 < min-score 95", "2 major findings at
    /// fail-on major"); empty when the input passes.
    pub reasons: Vec<String>,
}

/// The severity at which a finding fails its input, or `never`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Minor,
    #[default]
    Major,
    Critical,
    Never,
}

impl GateReport {
    /// The report of `gate`, with no reasons yet.
    pub fn of(gate: Gate) -> Self {
        Self {
            min_score: gate.min_score,
            fail_on: match gate.fail_on {
                Some(Severity::Minor) => FailOn::Minor,
                Some(Severity::Major) => FailOn::Major,
                Some(Severity::Critical) => FailOn::Critical,
                None => FailOn::Never,
            },
            reasons: Vec::new(),
        }
    }

    /// The gate this reports.
    pub fn gate(&self) -> Gate {
        Gate {
            min_score: self.min_score,
            fail_on: match self.fail_on {
                FailOn::Minor => Some(Severity::Minor),
                FailOn::Major => Some(Severity::Major),
                FailOn::Critical => Some(Severity::Critical),
                FailOn::Never => None,
            },
        }
    }
}

/// Rules that did not run on an input, and why.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct NotRun {
    /// Why: "the language could not be decided" or "no rules for `it`".
    pub reason: String,
    /// The rules that did not run, as id prefixes (`en/`, `de/` …): the rules of every target
    /// language mtlint has rules for.
    pub rules: Vec<String>,
}

/// One finding with its position resolved.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct FindingReport {
    pub rule: Arc<str>,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    #[schemars(with = "schema::SpanSchema")]
    pub span: Span,
    pub line: usize,
    pub column: usize,
    /// Line and column just past the end of the span.
    pub end_line: usize,
    pub end_column: usize,
    pub text: String,
    /// The rule's suggestion: a literal replacement or advice (see `fix` and `help`).
    pub suggestion: Option<String>,
    /// A safe, literal repair (`mtlint check --fix` applies it); present only when the change is
    /// known exactly.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<crate::fix::Fix>,
    /// Advice for a person, when the finding has no literal fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// For consistency findings: the form the document established and where it first occurs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical: Option<CanonicalReport>,
    /// For bilingual findings: UTF-8 byte offsets into the segment's source text.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<schema::SpanSchema>")]
    pub source_span: Option<Span>,
    /// Findings of other rules at (nearly) the same span, merged into this one: one defect
    /// counts once.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<crate::finding::Related>,
    /// The unit or record id, where the input has segments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
}

/// The established form of a name or term and its first occurrence.
#[derive(Clone, Debug, Serialize, schemars::JsonSchema)]
pub struct CanonicalReport {
    pub text: String,
    #[schemars(with = "schema::SpanSchema")]
    pub span: Span,
    pub line: usize,
    pub column: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// `span` widened to the character boundaries of `text` and clipped to it. Masked Markdown and
/// HTML hold ASCII spaces where the original has multi-byte characters, so a match in masked
/// text may start or end inside a character of the original.
pub fn snap(text: &str, span: Span) -> Span {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    Span::new(start, end)
}

/// Snaps every span of `findings` (and of their canonical forms) to `text`, see [`snap`].
pub fn snap_findings(text: &str, findings: &mut [Finding]) {
    for f in findings {
        f.span = snap(text, f.span);
        if let Some(c) = &mut f.canonical {
            c.span = snap(text, c.span);
        }
    }
}

impl FileReport {
    /// The report of `findings` in `original`, the file's text (positions are counted there,
    /// not in the prose the checks saw).
    pub fn new(
        path: &str,
        original: &str,
        rules: &RuleSet,
        findings: &[Finding],
        score: Score,
        passed: bool,
    ) -> Self {
        let mut findings = findings.to_vec();
        snap_findings(original, &mut findings);
        let pos = Positions::new(
            original,
            findings.iter().flat_map(|f| {
                [
                    Some(f.span.start),
                    Some(f.span.end),
                    f.canonical.as_ref().map(|c| c.span.start),
                ]
                .into_iter()
                .flatten()
            }),
        );
        let findings = findings
            .iter()
            .map(|f| {
                let fix = rules
                    .get(&f.rule)
                    .and_then(|r| crate::fix::fix_for(r, f, original));
                let (line, column) = pos.at(f.span.start);
                let (end_line, end_column) = pos.at(f.span.end);
                FindingReport {
                    rule: f.rule.clone(),
                    category: f.category,
                    severity: f.severity,
                    message: f.message.clone(),
                    span: f.span,
                    line,
                    column,
                    end_line,
                    end_column,
                    text: f.span.of(original).to_string(),
                    suggestion: f.suggestion.clone(),
                    fix: fix.clone(),
                    help: if fix.is_some() {
                        None
                    } else {
                        f.suggestion.clone()
                    },
                    canonical: f.canonical.as_ref().map(|c| {
                        let (line, column) = pos.at(c.span.start);
                        CanonicalReport {
                            text: c.text.clone(),
                            span: c.span,
                            line,
                            column,
                        }
                    }),
                    source_span: f.source_span,
                    related: f.related.clone(),
                    segment: None,
                }
            })
            .collect();
        Self {
            path: path.to_string(),
            error: None,
            language: (!rules.language.is_empty()).then(|| rules.language.clone()),
            language_confidence: None,
            source_language: rules.source.clone(),
            words: score.words,
            penalty: score.penalty,
            penalty_per_1k_words: crate::score::per_thousand(score.penalty, score.words),
            score: score.score,
            passed,
            findings,
            not_run: None,
            baselined: 0,
            unknown_suppressions: Vec::new(),
            unused_suppressions: Vec::new(),
            text: Arc::from(original),
            gate: GateReport::of(Gate::default()),
            source: None,
            record: None,
        }
    }

    /// The report of an input that could not be read or decoded.
    pub fn failed(path: &str, error: String) -> Self {
        Self {
            path: path.to_string(),
            error: Some(error),
            language: None,
            language_confidence: None,
            source_language: None,
            words: 0,
            penalty: 0.0,
            penalty_per_1k_words: 0.0,
            score: 0.0,
            passed: false,
            findings: Vec::new(),
            not_run: None,
            baselined: 0,
            unknown_suppressions: Vec::new(),
            unused_suppressions: Vec::new(),
            text: Arc::from(""),
            gate: GateReport {
                reasons: vec!["the input could not be checked".to_string()],
                ..GateReport::of(Gate::default())
            },
            source: None,
            record: None,
        }
    }

    /// Notes that the language rules did not run when the language was undecided or has no
    /// rules in `catalog` (only the rules for every language ran).
    pub fn note_language(&mut self, catalog: &crate::ruleset::Catalog) {
        let reason = match &self.language {
            None => "the language could not be decided (too little or too mixed text)".to_string(),
            Some(l) if !catalog.has_language(l) => format!("no rules for `{l}`"),
            Some(_) => return,
        };
        self.not_run = Some(NotRun {
            reason,
            rules: catalog
                .languages()
                .into_iter()
                .map(|l| format!("{l}/"))
                .collect(),
        });
    }

    /// Records the suppressions that name unknown rules; they are errors, so they are not
    /// also listed as unused.
    pub fn set_unknown_suppressions(&mut self, unknown: Vec<crate::suppress::UnknownRule>) {
        self.unused_suppressions.retain(|u| {
            !unknown
                .iter()
                .any(|k| (k.line, k.column) == (u.line, u.column))
        });
        self.unknown_suppressions = unknown;
    }

    /// Judges the report by `gate` (its score unrounded, its findings' severities): sets
    /// `passed` and the gate with its reasons.
    pub fn judge(&mut self, gate: Gate) {
        let exact = crate::score::exact_score(self.penalty, self.words);
        let reasons = gate.reasons(exact, self.findings.iter().map(|f| f.severity));
        self.passed = reasons.is_empty();
        self.gate = GateReport {
            reasons,
            ..GateReport::of(gate)
        };
    }

    /// Number of findings of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// Line and column of many offsets in one text, resolved in one sweep: the offsets are sorted
/// and the characters between consecutive offsets of a line are counted once, so a long line
/// with many (even overlapping) findings costs one pass over the line, not one per finding.
pub struct Positions {
    /// (offset, line, column), sorted by offset.
    at: Vec<(usize, usize, usize)>,
}

impl Positions {
    /// Resolves `offsets` (char boundaries of `text`; others are snapped down) in `text`.
    pub fn new(text: &str, offsets: impl IntoIterator<Item = usize>) -> Self {
        let lines = LineIndex::new(text);
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut offsets: Vec<usize> = offsets
            .into_iter()
            .map(|o| snap(text, Span::new(o, o)).start)
            .collect();
        offsets.sort_unstable();
        offsets.dedup();
        let mut at = Vec::with_capacity(offsets.len());
        // The line being counted, the offset counted up to and its 0-based column.
        let mut cur: Option<(usize, usize, usize)> = None;
        for o in offsets {
            let line = lines.line_of(o);
            let (from, col) = match cur {
                Some((l, p, c)) if l == line => (p, c),
                _ => {
                    let start = lines.line_span(text, line).0;
                    // A byte-order mark at the very start is not a column.
                    if start == 0 && o >= bom {
                        (bom, 0)
                    } else {
                        (start, 0)
                    }
                }
            };
            // Nothing before the mark counts (only offset 0 lies before it).
            let from = if from < bom && o >= bom { bom } else { from };
            let col = col + text[from..o].chars().count();
            cur = Some((line, o, col));
            at.push((o, line + 1, col + 1));
        }
        Self { at }
    }

    /// The 1-based line and column of `offset`, which must be one of the offsets given.
    pub fn at(&self, offset: usize) -> (usize, usize) {
        match self.at.binary_search_by_key(&offset, |&(o, _, _)| o) {
            Ok(i) => (self.at[i].1, self.at[i].2),
            Err(i) => {
                // Not resolved (a snapped offset): the nearest resolved offset before it.
                let (_, l, c) = self.at[i.saturating_sub(1).min(self.at.len().saturating_sub(1))];
                (l, c)
            }
        }
    }
}

impl Report {
    pub fn new(files: Vec<FileReport>) -> Self {
        let summary = Summary {
            files: files.len(),
            findings: files.iter().map(|f| f.findings.len()).sum(),
            baselined: files.iter().map(|f| f.baselined).sum(),
            passed: files.iter().filter(|f| f.passed).count(),
            failed: files.iter().filter(|f| !f.passed).count(),
        };
        Self {
            version: REPORT_VERSION,
            tool: Tool {
                name: "mtlint",
                version: env!("CARGO_PKG_VERSION"),
            },
            files,
            summary,
        }
    }

    /// Whether any input could not be read or decoded, or names an unknown rule in a
    /// suppression.
    pub fn has_errors(&self) -> bool {
        self.files
            .iter()
            .any(|f| f.error.is_some() || !f.unknown_suppressions.is_empty())
    }
}
