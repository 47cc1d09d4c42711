//! Rules: the data in `rules/*.toml`, loaded and compiled once into a [`RuleSet`] for a target
//! language and, optionally, a source→target pair.

mod embedded;
pub mod examples;
mod load;
pub mod schema;

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use load::Catalog;

use crate::checks::{Check, PatternScanner};
use crate::document::{Segmentation, Span};
use crate::entities::PeopleVocab;
use crate::finding::Finding;

/// MQM error category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Accuracy,
    Fluency,
    Terminology,
    Style,
    Locale,
    Design,
}

/// How much a finding hurts the translation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Minor,
    Major,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Minor, Severity::Major, Severity::Critical];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Minor => "minor",
            Severity::Major => "major",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            Category::Accuracy => "accuracy",
            Category::Fluency => "fluency",
            Category::Terminology => "terminology",
            Category::Style => "style",
            Category::Locale => "locale",
            Category::Design => "design",
        };
        f.write_str(s)
    }
}

/// An example of a rule: text, and for a bad example the span that must be reported.
#[derive(Clone, Debug)]
pub struct Example {
    pub text: String,
    /// `None` for a good example (no finding expected).
    pub expected: Option<Span>,
    pub suggestion: Option<String>,
    /// Line of the example in its rule file.
    pub line: usize,
}

/// Where a rule was defined.
#[derive(Clone, Debug)]
pub struct Origin {
    pub path: String,
    pub line: usize,
    /// Target language of the file (`*` for every language).
    pub language: String,
    pub source: Option<String>,
    /// Whether the file is one of the rule files embedded in mtlint.
    pub builtin: bool,
}

/// A compiled rule.
#[derive(Debug)]
pub struct Rule {
    pub id: Arc<str>,
    pub kind: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    pub suggestion: Option<String>,
    pub why: String,
    pub examples: Vec<Example>,
    pub origin: Origin,
    pub check: Check,
    /// Off by default: runs only when a selector names it.
    pub optional: bool,
}

impl Rule {
    /// A finding of this rule at `span`, with the rule's message and suggestion, in which
    /// `{match}` stands for `matched`.
    pub fn finding(&self, span: Span, matched: &str) -> Finding {
        Finding {
            rule: self.id.clone(),
            category: self.category,
            severity: self.severity,
            span,
            message: self.message.replace("{match}", matched),
            suggestion: self
                .suggestion
                .as_ref()
                .map(|s| s.replace("{match}", matched)),
            canonical: None,
        }
    }
}

/// The rules that apply to one target language (and source language), compiled once.
#[derive(Debug)]
pub struct RuleSet {
    pub language: String,
    pub source: Option<String>,
    pub segmentation: Segmentation,
    pub people: PeopleVocab,
    rules: Vec<Arc<Rule>>,
    scanner: PatternScanner,
}

impl RuleSet {
    fn new(
        language: String,
        source: Option<String>,
        segmentation: Segmentation,
        people: PeopleVocab,
        rules: Vec<Arc<Rule>>,
    ) -> Self {
        let scanner = PatternScanner::new(&rules);
        Self {
            language,
            source,
            segmentation,
            people,
            rules,
            scanner,
        }
    }

    pub fn rules(&self) -> &[Arc<Rule>] {
        &self.rules
    }

    pub fn scanner(&self) -> &PatternScanner {
        &self.scanner
    }

    pub fn get(&self, id: &str) -> Option<&Arc<Rule>> {
        self.rules.iter().find(|r| &*r.id == id)
    }

    /// The same set restricted to the rules `keep` accepts.
    pub fn filtered(&self, keep: impl Fn(&Rule) -> bool) -> RuleSet {
        let rules: Vec<Arc<Rule>> = self.rules.iter().filter(|r| keep(r)).cloned().collect();
        RuleSet::new(
            self.language.clone(),
            self.source.clone(),
            self.segmentation.clone(),
            self.people.clone(),
            rules,
        )
    }
}

/// Index of rules by id, later definitions replacing earlier ones.
fn dedupe(rules: Vec<Arc<Rule>>) -> Vec<Arc<Rule>> {
    let mut pos: HashMap<Arc<str>, usize> = HashMap::new();
    let mut out: Vec<Arc<Rule>> = Vec::new();
    for r in rules {
        match pos.get(&r.id) {
            Some(&i) => out[i] = r,
            None => {
                pos.insert(r.id.clone(), out.len());
                out.push(r);
            }
        }
    }
    out
}
