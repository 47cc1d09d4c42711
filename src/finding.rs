//! A finding: one defect at one span, reported by one rule.

use std::sync::Arc;

use crate::document::Span;
use crate::rules::{Category, Severity};

/// One defect found in a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub rule: Arc<str>,
    pub category: Category,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub suggestion: Option<String>,
    /// For a consistency finding: the form the document established, and where.
    pub canonical: Option<Canonical>,
    /// For a bilingual finding: where in the segment's source text it comes from (UTF-8 bytes).
    pub source_span: Option<Span>,
    /// Findings of other rules at (nearly) the same span, merged into this one so that one
    /// defect counts once ([`crate::score::merge_overlapping`]).
    pub related: Vec<Related>,
}

/// A finding merged into a more severe one at the same span.
#[derive(Clone, Debug, PartialEq, serde::Serialize, schemars::JsonSchema)]
pub struct Related {
    pub rule: Arc<str>,
    pub severity: Severity,
    pub message: String,
}

/// The form a document established for a name or term, and its first occurrence.
#[derive(Clone, Debug, PartialEq)]
pub struct Canonical {
    pub text: String,
    pub span: Span,
}

impl Finding {
    pub fn with_message(mut self, message: String) -> Self {
        self.message = message;
        self
    }

    pub fn with_canonical(mut self, text: String, span: Span) -> Self {
        self.canonical = Some(Canonical { text, span });
        self
    }

    pub fn with_source_span(mut self, span: Span) -> Self {
        self.source_span = Some(span);
        self
    }

    pub fn with_suggestion(mut self, suggestion: Option<String>) -> Self {
        self.suggestion = suggestion;
        self
    }
}
