//! Inline suppression comments, read from the checked text itself.
//!
//! In any text, as an HTML comment:
//! - `<!-- mtlint-disable RULE[, RULE] -->` … `<!-- mtlint-enable -->`: a range (to the end of
//!   the file when not closed); without rules, every rule;
//! - `<!-- mtlint-disable-next-line RULE -->`: the next line that has text;
//! - `<!-- mtlint-disable-file RULE -->`: the whole file.
//!
//! In plain text the same directives may stand alone on a line after `#`:
//! `# mtlint-disable-next-line en/run-on`. RULE is a rule id or an id prefix (`en/`). A
//! directive that suppresses nothing is reported as unused. The directive lines themselves are
//! masked from the checks.

use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use crate::document::{LineIndex, Span};
use crate::finding::Finding;

#[derive(Clone, Debug)]
struct Directive {
    rules: Vec<String>,
    /// Where the directive is written.
    at: Span,
    /// What it covers.
    covers: Span,
    used: bool,
}

/// An unused directive, for the report.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Unused {
    pub line: usize,
    pub column: usize,
    pub text: String,
}

/// The suppression directives of one text.
#[derive(Debug, Default)]
pub struct Suppressions {
    directives: Vec<Directive>,
}

/// The directive pattern, compiled once.
fn pattern() -> Option<&'static Regex> {
    static PATTERN: OnceLock<Option<Regex>> = OnceLock::new();
    PATTERN
        .get_or_init(|| {
            Regex::new(
            r"(?mR)<!--\s*mtlint-(disable-next-line|disable-file|disable|enable)\b([^>]*?)-->|^[ \t]*#[ \t]*mtlint-(disable-next-line|disable-file|disable|enable)\b([^\r\n]*)$",
            )
            .ok()
        })
        .as_ref()
}

fn rules_of(s: &str) -> Vec<String> {
    s.split([',', ' ', '\t'])
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect()
}

impl Suppressions {
    /// Parses the directives of `text`, leaving out those inside `code` (documentation that
    /// shows a directive does not apply it).
    pub fn parse(text: &str, code: &[Span]) -> Self {
        let mut directives: Vec<Directive> = Vec::new();
        let lines = LineIndex::new(text);
        let mut open: Vec<usize> = Vec::new();
        let Some(pattern) = pattern().filter(|_| text.contains("mtlint-")) else {
            return Self { directives };
        };
        for caps in pattern.captures_iter(text) {
            let Some(whole) = caps.get(0) else { continue };
            let (verb, args) = match (caps.get(1), caps.get(3)) {
                (Some(v), _) => (v.as_str(), caps.get(2).map_or("", |m| m.as_str())),
                (None, Some(v)) => (v.as_str(), caps.get(4).map_or("", |m| m.as_str())),
                _ => continue,
            };
            let at = Span::new(whole.start(), whole.end());
            if code.iter().any(|c| c.start <= at.start && at.start < c.end) {
                continue;
            }
            let rules = rules_of(args);
            match verb {
                "disable" => {
                    open.push(directives.len());
                    directives.push(Directive {
                        rules,
                        at,
                        covers: Span::new(at.end, text.len()),
                        used: false,
                    });
                }
                "enable" => {
                    // Closes the open ranges it names (all of them without rules).
                    open.retain(|&i| {
                        let d = &mut directives[i];
                        let closes = rules.is_empty() || d.rules.iter().any(|r| rules.contains(r));
                        if closes {
                            d.covers.end = at.start;
                        }
                        !closes
                    });
                }
                "disable-next-line" => {
                    // The next line after the directive that has text.
                    let mut line = lines.line_of(at.end) + 1;
                    let mut covers = Span::new(text.len(), text.len());
                    while line < lines.len() {
                        let (a, b) = lines.line_span(text, line);
                        if !text[a..b].trim().is_empty() {
                            covers = Span::new(a, b);
                            break;
                        }
                        line += 1;
                    }
                    directives.push(Directive {
                        rules,
                        at,
                        covers,
                        used: false,
                    });
                }
                _ => directives.push(Directive {
                    rules,
                    at,
                    covers: Span::new(0, text.len()),
                    used: false,
                }),
            }
        }
        Self { directives }
    }

    /// Spans of the directives themselves, to mask from the checks.
    pub fn spans(&self) -> impl Iterator<Item = Span> + '_ {
        self.directives.iter().map(|d| d.at)
    }

    pub fn is_empty(&self) -> bool {
        self.directives.is_empty()
    }

    /// Drops the suppressed findings, marking the directives that were used.
    pub fn apply(&mut self, findings: Vec<Finding>) -> Vec<Finding> {
        findings
            .into_iter()
            .filter(|f| {
                let mut suppressed = false;
                for d in &mut self.directives {
                    let covered = d.covers.start <= f.span.start
                        && f.span.start < d.covers.end.max(d.covers.start + 1);
                    let named =
                        d.rules.is_empty() || d.rules.iter().any(|r| selector_matches(r, &f.rule));
                    if covered && named {
                        d.used = true;
                        suppressed = true;
                    }
                }
                !suppressed
            })
            .collect()
    }

    /// The directives that suppressed nothing.
    pub fn unused(&self, text: &str) -> Vec<Unused> {
        let lines = LineIndex::new(text);
        self.directives
            .iter()
            .filter(|d| !d.used)
            .map(|d| {
                let (line, column) = lines.line_col(text, d.at.start);
                Unused {
                    line,
                    column,
                    text: d.at.of(text).trim().to_string(),
                }
            })
            .collect()
    }
}

/// Whether a selector (a rule id or an id prefix such as `en/` or `en`) names `rule`.
pub fn selector_matches(selector: &str, rule: &str) -> bool {
    rule == selector
        || (selector.ends_with('/') && rule.starts_with(selector))
        || rule.strip_prefix(selector).is_some_and(|rest| {
            rest.starts_with('/') || (!selector.contains('/') && rest.starts_with('-'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Category, Severity};

    fn finding(rule: &str, at: usize) -> Finding {
        Finding {
            rule: rule.into(),
            category: Category::Fluency,
            severity: Severity::Minor,
            span: Span::new(at, at + 1),
            message: String::new(),
            suggestion: None,
            canonical: None,
            source_span: None,
        }
    }

    #[test]
    fn ranges_next_line_file_and_unused() {
        let text = "a\n<!-- mtlint-disable en/run-on -->\nb\n<!-- mtlint-enable -->\nc\n# mtlint-disable-next-line en/\n\nd\n<!-- mtlint-disable-file common/x -->\n";
        let mut s = Suppressions::parse(text, &[]);
        let at = |c: &str| text.find(c).unwrap();
        let kept = s.apply(vec![
            finding("en/run-on", at("a")),
            finding("en/run-on", at("\nb") + 1),
            finding("en/glued-words", at("\nb") + 1),
            finding("en/run-on", at("\nc") + 1),
            finding("en/glued-words", at("\nd") + 1),
        ]);
        let kept: Vec<usize> = kept.iter().map(|f| f.span.start).collect();
        assert_eq!(kept, vec![at("a"), at("\nb") + 1, at("\nc") + 1]);
        let unused = s.unused(text);
        assert_eq!(unused.len(), 1);
        assert_eq!(unused[0].line, 9);
    }

    #[test]
    fn selectors() {
        assert!(selector_matches("en/run-on", "en/run-on"));
        assert!(selector_matches("en/", "en/run-on"));
        assert!(selector_matches("en", "en/run-on"));
        assert!(selector_matches("ja", "ja-en/leaked-particle"));
        assert!(!selector_matches("en/run", "en/run-on"));
    }
}
