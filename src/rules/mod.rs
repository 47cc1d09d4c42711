//! Rules as data: the files in `rules/*.toml`, parsed and validated into rule descriptions
//! ([`Rule`]: id, category, severity, message, examples) and the specs of their checks
//! ([`schema::RuleSpec`]). Nothing here knows the check kinds; [`crate::ruleset`] compiles the
//! specs into checks, in one place.

mod embedded;
pub mod load;
pub mod schema;

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use embedded::EMBEDDED;
pub use load::{RuleFile, parse_file};

use crate::document::Span;
use crate::finding::Finding;

/// MQM error category.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
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
    /// The source text of a bilingual example.
    pub source: Option<String>,
    /// The language of `source`.
    pub source_lang: Option<String>,
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

/// A rule as its file describes it: what it reports and how; its check is compiled apart
/// ([`crate::ruleset`]).
#[derive(Debug)]
pub struct Rule {
    pub id: Arc<str>,
    /// The name of its check kind, as written in the file.
    pub kind: String,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    pub suggestion: Option<String>,
    pub why: String,
    pub examples: Vec<Example>,
    pub origin: Origin,
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
            source_span: None,
            related: Vec::new(),
        }
    }
}
