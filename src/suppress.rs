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
    /// Rules an enable directive took back out of a range that names a broader selector.
    except: Vec<String>,
    /// For the continuation of a range after a partial enable: the directive as written,
    /// which is marked used in its place.
    parent: Option<usize>,
}

impl Directive {
    fn new(rules: Vec<String>, at: Span, covers: Span) -> Self {
        Self {
            rules,
            at,
            covers,
            used: false,
            except: Vec::new(),
            parent: None,
        }
    }

    fn names(&self, rule: &str) -> bool {
        (self.rules.is_empty() || self.rules.iter().any(|r| selector_matches(r, rule)))
            && !self.except.iter().any(|e| selector_matches(e, rule))
    }
}

/// An unused directive, for the report.
#[derive(Clone, Debug, Serialize, PartialEq, schemars::JsonSchema)]
pub struct Unused {
    pub line: usize,
    pub column: usize,
    pub text: String,
}

/// A directive naming a rule that does not exist (a typo would otherwise suppress nothing,
/// silently): an error, not an unused warning.
#[derive(Clone, Debug, Serialize, PartialEq, schemars::JsonSchema)]
pub struct UnknownRule {
    pub line: usize,
    pub column: usize,
    /// The directive as written.
    pub text: String,
    /// The selector that names no rule.
    pub rule: String,
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
        Self::parse_with(text, code, true)
    }

    /// Parses the directives of `text`; the `# mtlint-…` line form only when `hash_lines` is
    /// set (plain text: in Markdown a `#` line is a visible heading, not a directive).
    pub fn parse_with(text: &str, code: &[Span], hash_lines: bool) -> Self {
        let mut directives: Vec<Directive> = Vec::new();
        let lines = LineIndex::new(text);
        let mut open: Vec<usize> = Vec::new();
        let Some(pattern) = pattern().filter(|_| text.contains("mtlint-")) else {
            return Self { directives };
        };
        // Code spans are sorted and disjoint: walk them with the directives.
        let mut code_at = 0;
        for caps in pattern.captures_iter(text) {
            let Some(whole) = caps.get(0) else { continue };
            let (verb, args) = match (caps.get(1), caps.get(3)) {
                (Some(v), _) => (v.as_str(), caps.get(2).map_or("", |m| m.as_str())),
                (None, Some(v)) if hash_lines => {
                    (v.as_str(), caps.get(4).map_or("", |m| m.as_str()))
                }
                _ => continue,
            };
            let at = Span::new(whole.start(), whole.end());
            while code_at < code.len() && code[code_at].end <= at.start {
                code_at += 1;
            }
            if code[code_at..]
                .iter()
                .take_while(|c| c.start <= at.start)
                .any(|c| at.start < c.end)
            {
                continue;
            }
            let rules = rules_of(args);
            match verb {
                "disable" => {
                    open.push(directives.len());
                    directives.push(Directive::new(rules, at, Span::new(at.end, text.len())));
                }
                "enable" => {
                    // Without rules, closes every open range. With rules, takes them out of
                    // the open ranges that cover them; the rest of each range stays disabled.
                    let mut reopened = Vec::new();
                    let mut any = false;
                    open.retain(|&i| {
                        let d = &directives[i];
                        if rules.is_empty() {
                            any = true;
                            directives[i].covers.end = at.start;
                            return false;
                        }
                        let touched = d.rules.is_empty()
                            || d.rules.iter().any(|r| {
                                rules
                                    .iter()
                                    .any(|e| selector_matches(r, e) || selector_matches(e, r))
                            });
                        if !touched {
                            return true;
                        }
                        any = true;
                        let mut rest = d.rules.clone();
                        let mut except = d.except.clone();
                        // Rules the enable names wholly are dropped; broader ones are kept,
                        // minus what the enable names.
                        rest.retain(|r| !rules.iter().any(|e| selector_matches(e, r)));
                        for e in &rules {
                            if d.rules.is_empty() || rest.iter().any(|r| selector_matches(r, e)) {
                                except.push(e.clone());
                            }
                        }
                        let parent = d.parent.unwrap_or(i);
                        let keeps = d.rules.is_empty() || !rest.is_empty();
                        directives[i].covers.end = at.start;
                        if keeps {
                            reopened.push(Directive {
                                rules: rest,
                                at: directives[i].at,
                                covers: Span::new(at.end, text.len()),
                                used: false,
                                except,
                                parent: Some(parent),
                            });
                        }
                        false
                    });
                    for d in reopened {
                        open.push(directives.len());
                        directives.push(d);
                    }
                    if !any {
                        // Re-enables nothing: reported as unused.
                        let mut d = Directive::new(rules, at, Span::new(at.start, at.start));
                        d.covers = Span::new(usize::MAX, usize::MAX);
                        directives.push(d);
                    }
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
                    directives.push(Directive::new(rules, at, covers));
                }
                _ => directives.push(Directive::new(rules, at, Span::new(0, text.len()))),
            }
        }
        Self { directives }
    }

    /// Spans of the directives themselves, to mask from the checks.
    pub fn spans(&self) -> impl Iterator<Item = Span> + '_ {
        self.directives
            .iter()
            .filter(|d| d.parent.is_none())
            .map(|d| d.at)
    }

    pub fn is_empty(&self) -> bool {
        self.directives.is_empty()
    }

    /// Drops the suppressed findings, marking the directives that were used. One sweep over
    /// the findings in text order with the directives that cover the current position, so
    /// many `disable-next-line` directives cost no more than their findings.
    pub fn apply(&mut self, findings: Vec<Finding>) -> Vec<Finding> {
        if self.directives.is_empty() {
            return findings;
        }
        let end_of = |d: &Directive| d.covers.end.max(d.covers.start.saturating_add(1));
        let mut by_start: Vec<usize> = (0..self.directives.len()).collect();
        by_start.sort_by_key(|&i| self.directives[i].covers.start);
        let mut order: Vec<usize> = (0..findings.len()).collect();
        order.sort_by_key(|&i| findings[i].span.start);
        let mut suppressed = vec![false; findings.len()];
        let mut active: Vec<usize> = Vec::new();
        let mut next = 0;
        for i in order {
            let f = &findings[i];
            while next < by_start.len()
                && self.directives[by_start[next]].covers.start <= f.span.start
            {
                active.push(by_start[next]);
                next += 1;
            }
            active.retain(|&d| end_of(&self.directives[d]) > f.span.start);
            for &d in &active {
                if self.directives[d].names(&f.rule) {
                    suppressed[i] = true;
                    let who = self.directives[d].parent.unwrap_or(d);
                    self.directives[who].used = true;
                    self.directives[d].used = true;
                }
            }
        }
        findings
            .into_iter()
            .zip(suppressed)
            .filter(|(_, s)| !s)
            .map(|(f, _)| f)
            .collect()
    }

    /// The directives that name a selector for which `known` is false (a rule id or prefix
    /// that names no rule), one entry per such selector.
    pub fn unknown(&self, text: &str, known: impl Fn(&str) -> bool) -> Vec<UnknownRule> {
        let bad: Vec<(&Directive, &String)> = self
            .directives
            .iter()
            .filter(|d| d.parent.is_none())
            .flat_map(|d| d.rules.iter().map(move |r| (d, r)))
            .filter(|(_, r)| !known(r))
            .collect();
        if bad.is_empty() {
            return Vec::new();
        }
        let pos = crate::report::Positions::new(text, bad.iter().map(|(d, _)| d.at.start));
        let mut out: Vec<UnknownRule> = bad
            .into_iter()
            .map(|(d, r)| {
                let (line, column) = pos.at(d.at.start);
                UnknownRule {
                    line,
                    column,
                    text: d.at.of(text).trim().to_string(),
                    rule: r.clone(),
                }
            })
            .collect();
        out.sort_by_key(|u| (u.line, u.column));
        out.dedup();
        out
    }

    /// The directives that suppressed nothing.
    pub fn unused(&self, text: &str) -> Vec<Unused> {
        let unused: Vec<&Directive> = self
            .directives
            .iter()
            .filter(|d| !d.used && d.parent.is_none())
            .collect();
        if unused.is_empty() {
            return Vec::new();
        }
        let pos = crate::report::Positions::new(text, unused.iter().map(|d| d.at.start));
        let mut out: Vec<(usize, Unused)> = unused
            .iter()
            .map(|d| {
                let (line, column) = pos.at(d.at.start);
                (
                    d.at.start,
                    Unused {
                        line,
                        column,
                        text: d.at.of(text).trim().to_string(),
                    },
                )
            })
            .collect();
        out.sort_by_key(|(at, _)| *at);
        out.into_iter().map(|(_, u)| u).collect()
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
            related: Vec::new(),
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
