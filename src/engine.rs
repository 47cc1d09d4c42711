//! The engine: runs a rule set over a document and turns the findings into a file report.

use std::collections::HashMap;

use crate::checks::Context;
use crate::document::Document;
use crate::document::LineIndex;
use crate::error::Error;
use crate::finding::Finding;
use crate::lang;
use crate::report::FileReport;
use crate::rules::{Catalog, RuleSet};
use crate::score::{self, Gate, Weights};

/// All findings of `rules` in `doc`, sorted by position. Where two rules of one category report
/// the very same span, only the more severe (or, at equal severity, the more specific, later)
/// one is kept.
pub fn check(doc: &Document, rules: &RuleSet) -> Vec<Finding> {
    let cx = Context::new(doc, rules);
    let mut out = Vec::new();
    rules.scanner().run(&cx, &mut out);
    for rule in rules.rules() {
        rule.check.run(&cx, rule, &mut out);
    }
    let order: HashMap<&str, usize> = rules
        .rules()
        .iter()
        .enumerate()
        .map(|(i, r)| (&*r.id, i))
        .collect();
    out.sort_by(|a, b| {
        (a.span.start, a.span.end, a.category as u8)
            .cmp(&(b.span.start, b.span.end, b.category as u8))
            .then(b.severity.cmp(&a.severity))
            .then(order.get(&*b.rule).cmp(&order.get(&*a.rule)))
    });
    out.dedup_by(|later, kept| later.span == kept.span && later.category == kept.category);
    out
}

/// Options of a run.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Target language; detected per document when not given.
    pub language: Option<String>,
    pub source_language: Option<String>,
    pub weights: Weights,
    pub gate: Gate,
}

/// Checks many inputs with one catalog, compiling each language's rule set once.
#[derive(Debug)]
pub struct Linter {
    catalog: Catalog,
    options: Options,
    sets: HashMap<(String, Option<String>), RuleSet>,
}

impl Linter {
    pub fn new(catalog: Catalog, options: Options) -> Self {
        Self {
            catalog,
            options,
            sets: HashMap::new(),
        }
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// The rule set for a target language (`""` when undecided: only the rules for every
    /// language) and the configured source language, compiled once.
    pub fn rule_set(&mut self, language: &str) -> &RuleSet {
        let source = self.options.source_language.clone();
        let catalog = &self.catalog;
        self.sets
            .entry((language.to_string(), source.clone()))
            .or_insert_with(|| catalog.rule_set(language, source.as_deref()))
    }

    /// Checks the bytes of one input named `path`.
    pub fn check_bytes(&mut self, path: &str, bytes: &[u8]) -> Result<FileReport, Error> {
        let text = decode(path, bytes)?;
        Ok(self.check_text(path, text))
    }

    /// Checks one decoded text. Without a configured target language, the language is
    /// detected; a text too short or mixed to decide is checked with the rules for every
    /// language only.
    pub fn check_text(&mut self, path: &str, text: &str) -> FileReport {
        let weights = self.options.weights;
        let gate = self.options.gate;
        let (language, confidence) = match &self.options.language {
            Some(l) => (l.clone(), None),
            None => {
                let d = lang::detect(text);
                (d.language.unwrap_or_default(), Some(d.confidence))
            }
        };
        let rules = self.rule_set(&language);
        let doc = Document::new(text, &rules.segmentation);
        let findings = check(&doc, rules);
        let score = score::score(&findings, doc.word_count(), &weights);
        let passed = gate.passes(&score, &findings);
        let mut report = FileReport::new(path, &doc, rules, &findings, score, passed);
        report.language_confidence = confidence.map(|c| (c * 100.0).round() / 100.0);
        report
    }
}

/// Decodes input bytes as UTF-8, with an error naming the first invalid byte.
pub fn decode<'a>(path: &str, bytes: &'a [u8]) -> Result<&'a str, Error> {
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let valid = std::str::from_utf8(&bytes[..offset]).unwrap_or_default();
        let (line, column) = LineIndex::new(valid).line_col(valid, offset);
        Error::Decode {
            path: path.to_string(),
            offset,
            line,
            column,
        }
    })
}
