//! `pattern`: a regular expression over sentences, paragraphs, lines or the whole document.
//!
//! All pattern rules of one scope go through one [`RegexSet`] scan per unit of text; only the
//! rules that matched run their own regex to find the spans. A named group `m` narrows the
//! reported span; an `exceptions` regex that matches overlapping the match cancels it.

use std::sync::Arc;

use regex::{Regex, RegexSet, RegexSetBuilder};

use super::{Builder, Check, Compiled, Context};
use crate::document::Span;
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

/// What text a pattern runs over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Sentence,
    Paragraph,
    Line,
    Document,
}

#[derive(Debug)]
pub struct Pattern {
    source: String,
    regex: Regex,
    scope: Scope,
    ignore_case: bool,
    exceptions: Vec<Regex>,
}

impl Pattern {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        let Some(p) = &b.spec.pattern else {
            return Err(b.error("kind `pattern` needs a `pattern`"));
        };
        let scope = match b
            .spec
            .scope
            .as_ref()
            .map(|s| (s.get_ref().as_str(), s.span()))
        {
            None | Some(("sentence", _)) => Scope::Sentence,
            Some(("paragraph", _)) => Scope::Paragraph,
            Some(("line", _)) => Scope::Line,
            Some(("document", _)) => Scope::Document,
            Some((other, span)) => {
                return Err(b.error_at(
                    span.start,
                    format!(
                        "unknown scope `{other}`; expected sentence, paragraph, line or document"
                    ),
                ));
            }
        };
        let ignore_case = b.ignore_case();
        Ok(Pattern {
            source: p.get_ref().clone(),
            regex: b.regex(p, ignore_case)?,
            scope,
            ignore_case,
            exceptions: b.regexes(&b.spec.exceptions, ignore_case)?,
        })
    }

    /// Findings of this pattern in one unit of text starting at byte `base`.
    fn find(&self, rule: &Rule, unit: &str, base: usize, out: &mut Vec<Finding>) {
        for caps in self.regex.captures_iter(unit) {
            let Some(m) = caps.name("m").or_else(|| caps.get(0)) else {
                continue;
            };
            if m.is_empty() {
                continue;
            }
            let hit = Span::new(m.start(), m.end());
            let excepted = self.exceptions.iter().any(|e| {
                e.find_iter(unit)
                    .any(|x| x.start() < hit.end && hit.start < x.end())
            });
            if !excepted {
                let span = Span::new(base + hit.start, base + hit.end);
                out.push(rule.finding(span, m.as_str()));
            }
        }
    }
}

struct Group {
    scope: Scope,
    /// The prefilter; `None` runs every member (a set too large to build).
    set: Option<RegexSet>,
    rules: Vec<Arc<Compiled>>,
}

/// All pattern rules of a rule set, grouped by scope for single-scan matching.
#[derive(Default)]
pub struct PatternScanner {
    groups: Vec<Group>,
}

impl std::fmt::Debug for PatternScanner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PatternScanner")
            .field("groups", &self.groups.len())
            .finish()
    }
}

fn pattern_of(rule: &Compiled) -> Option<&Pattern> {
    match &rule.check {
        Check::Pattern(p) => Some(p),
        _ => None,
    }
}

impl PatternScanner {
    pub fn new(rules: &[Arc<Compiled>]) -> Self {
        let mut groups = Vec::new();
        for scope in [
            Scope::Sentence,
            Scope::Paragraph,
            Scope::Line,
            Scope::Document,
        ] {
            let members: Vec<Arc<Compiled>> = rules
                .iter()
                .filter(|r| pattern_of(r).is_some_and(|p| p.scope == scope))
                .cloned()
                .collect();
            if members.is_empty() {
                continue;
            }
            let sources = members.iter().filter_map(|r| pattern_of(r)).map(|p| {
                if p.ignore_case {
                    format!("(?i:{})", p.source)
                } else {
                    format!("(?:{})", p.source)
                }
            });
            // Every member compiled alone when its rule was loaded. Should the set as a whole
            // exceed its size limit, the group runs every member without the prefilter.
            let set = RegexSetBuilder::new(sources)
                .size_limit(1 << 26)
                .build()
                .ok();
            groups.push(Group {
                scope,
                set,
                rules: members,
            });
        }
        Self { groups }
    }

    pub fn run(&self, cx: &Context, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for g in &self.groups {
            let units: Vec<Span> = match g.scope {
                Scope::Sentence => doc.sentences().iter().map(|s| s.span).collect(),
                Scope::Paragraph => doc.paragraphs().iter().map(|p| p.span).collect(),
                Scope::Line => doc.line_spans().collect(),
                Scope::Document => vec![Span::new(0, doc.text().len())],
            };
            for unit in units {
                let text = doc.slice(unit);
                let hits: Vec<usize> = match &g.set {
                    Some(set) => set.matches(text).iter().collect(),
                    None => (0..g.rules.len()).collect(),
                };
                for i in hits {
                    let rule = &g.rules[i];
                    if let Some(p) = pattern_of(rule) {
                        p.find(&rule.rule, text, unit.start, out);
                    }
                }
            }
        }
    }
}
