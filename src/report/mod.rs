//! The report: what a run found, per file, in the shape of the JSON contract. Renderers for
//! each output format live beside it and write to any `io::Write`.

mod github;
mod json;
mod junit;
mod sarif;
mod text;

use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde::Serialize;

pub use github::render_github;
pub use json::{render_json, render_jsonl_file};
pub use junit::render_junit;
pub use sarif::render_sarif;
pub use text::render_text;

use crate::document::{LineIndex, Span};
use crate::finding::Finding;
use crate::rules::{Category, RuleSet, Severity};
use crate::score::Score;
use crate::suppress::Unused;

/// The whole report of a run.
#[derive(Debug, Serialize)]
pub struct Report {
    pub tool: Tool,
    pub files: Vec<FileReport>,
    pub summary: Summary,
}

#[derive(Debug, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Summary {
    pub files: usize,
    pub findings: usize,
    pub passed: usize,
    pub failed: usize,
}

/// The report of one input.
#[derive(Debug, Serialize)]
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
    pub score: f64,
    pub passed: bool,
    pub findings: Vec<FindingReport>,
    /// Suppression comments that suppressed nothing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unused_suppressions: Vec<Unused>,
    /// The checked text, for renderers that quote it.
    #[serde(skip)]
    pub text: Arc<str>,
    /// The source text of a bilingual segment, for renderers that quote it.
    #[serde(skip)]
    pub source: Option<Arc<str>>,
}

/// One finding with its position resolved.
#[derive(Debug, Serialize)]
pub struct FindingReport {
    pub rule: Arc<str>,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    pub line: usize,
    pub column: usize,
    /// Line and column just past the end of the span.
    pub end_line: usize,
    pub end_column: usize,
    pub text: String,
    pub suggestion: Option<String>,
    /// For consistency findings: the form the document established and where it first occurs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical: Option<CanonicalReport>,
    /// For bilingual findings: UTF-8 byte offsets into the segment's source text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_span: Option<Span>,
    /// The unit or record id, where the input has segments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
}

/// The established form of a name or term and its first occurrence.
#[derive(Debug, Serialize)]
pub struct CanonicalReport {
    pub text: String,
    pub span: Span,
    pub line: usize,
    pub column: usize,
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
        let mut pos = Positions::new(original);
        let findings = findings
            .iter()
            .map(|f| {
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
            score: score.score,
            passed,
            findings,
            unused_suppressions: Vec::new(),
            text: Arc::from(original),
            source: None,
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
            score: 0.0,
            passed: false,
            findings: Vec::new(),
            unused_suppressions: Vec::new(),
            text: Arc::from(""),
            source: None,
        }
    }

    /// Number of findings of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// Line and column of offsets in the original text (masked inputs may have moved line breaks),
/// counted on from the previous offset on the same line, so a long line with many findings is
/// not counted again for each.
struct Positions<'t> {
    text: &'t str,
    lines: LineIndex,
    last: Option<(usize, usize, usize)>,
    cache: FxHashMap<usize, (usize, usize)>,
}

impl<'t> Positions<'t> {
    fn new(text: &'t str) -> Self {
        Self {
            text,
            lines: LineIndex::new(text),
            last: None,
            cache: FxHashMap::default(),
        }
    }

    fn at(&mut self, offset: usize) -> (usize, usize) {
        if let Some(&p) = self.cache.get(&offset) {
            return p;
        }
        let line = self.lines.line_of(offset) + 1;
        let p = match self.last {
            Some((o, l, c)) if l == line && o <= offset => {
                (line, c + self.text[o..offset].chars().count())
            }
            _ => self.lines.line_col(self.text, offset),
        };
        self.last = Some((offset, p.0, p.1));
        self.cache.insert(offset, p);
        p
    }
}

impl Report {
    pub fn new(files: Vec<FileReport>) -> Self {
        let summary = Summary {
            files: files.len(),
            findings: files.iter().map(|f| f.findings.len()).sum(),
            passed: files.iter().filter(|f| f.passed).count(),
            failed: files.iter().filter(|f| !f.passed).count(),
        };
        Self {
            tool: Tool {
                name: "mtlint",
                version: env!("CARGO_PKG_VERSION"),
            },
            files,
            summary,
        }
    }

    /// Whether any input could not be read or decoded.
    pub fn has_errors(&self) -> bool {
        self.files.iter().any(|f| f.error.is_some())
    }
}
