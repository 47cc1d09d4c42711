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
}

impl Finding {
    pub fn with_message(mut self, message: String) -> Self {
        self.message = message;
        self
    }

    pub fn with_suggestion(mut self, suggestion: Option<String>) -> Self {
        self.suggestion = suggestion;
        self
    }
}
