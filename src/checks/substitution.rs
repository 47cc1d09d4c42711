//! `substitution`: words or phrases with a preferred form (`Kiev` → `Kyiv`), matched as whole
//! words in one Aho-Corasick scan. An `exceptions` regex that matches overlapping a hit cancels
//! it ("Chicken Kiev").

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;

use super::{Builder, Context};
use crate::document::Span;
use crate::document::tokens::capitalize;
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

#[derive(Debug)]
pub struct Substitution {
    matcher: AhoCorasick,
    replacements: Vec<String>,
    exceptions: Vec<Regex>,
}

impl Substitution {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        let pairs: Vec<(String, String)> = match &b.spec.replace {
            Some(m) if !m.is_empty() => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            _ => return Err(b.error("kind `substitution` needs a non-empty `replace` table")),
        };
        for (k, v) in &pairs {
            if k.trim().is_empty() {
                return Err(b.error("a `replace` key cannot be empty"));
            }
            if k == v {
                return Err(b.error(format!(
                    "`replace` maps `{k}` to itself: it would flag the preferred form"
                )));
            }
        }
        let ignore_case = b.ignore_case();
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(ignore_case)
            .build(pairs.iter().map(|p| &p.0))
            .map_err(|e| b.error(format!("cannot build the `replace` table: {e}")))?;
        Ok(Self {
            matcher,
            replacements: pairs.into_iter().map(|p| p.1).collect(),
            exceptions: b.regexes(&b.spec.exceptions, ignore_case)?,
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let text = cx.text();
        let mut line = ExceptedLine::default();
        for m in self.matcher.find_iter(text) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let span = Span::new(m.start(), m.end());
            if self.excepted(text, span, &mut line) {
                continue;
            }
            let matched = span.of(text);
            let mut replacement = self.replacements[m.pattern().as_usize()].clone();
            if super::is_capitalized(matched) && !super::is_capitalized(&replacement) {
                replacement = capitalize(&replacement);
            }
            let f = rule.finding(span, matched);
            let suggestion = f.suggestion.clone().map_or(replacement.clone(), |s| {
                s.replace("{replacement}", &replacement)
            });
            let message = f.message.replace("{replacement}", &replacement);
            out.push(f.with_message(message).with_suggestion(Some(suggestion)));
        }
    }

    /// Whether an exception match overlaps `span`. Hits come in text order, so the exceptions
    /// of a line are found once, when its first hit is seen: linear in the line, however many
    /// hits it has.
    fn excepted(&self, text: &str, span: Span, line: &mut ExceptedLine) -> bool {
        if self.exceptions.is_empty() {
            return false;
        }
        if !(line.start <= span.start && span.start < line.end) {
            // Look at the surrounding line only.
            let start = text[..span.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            let end = text[span.end..]
                .find(['\n', '\r'])
                .map_or(text.len(), |i| span.end + i);
            let mut hits: Vec<(usize, usize)> = self
                .exceptions
                .iter()
                .flat_map(|e| e.find_iter(&text[start..end]))
                .map(|x| (start + x.start(), start + x.end()))
                .collect();
            hits.sort_unstable();
            let mut reach = 0;
            line.reach = hits
                .iter()
                .map(|&(_, e)| {
                    reach = reach.max(e);
                    reach
                })
                .collect();
            line.starts = hits.into_iter().map(|(s, _)| s).collect();
            line.start = start;
            line.end = end.max(start + 1);
        }
        // The exception matches that start before the span ends; does any reach past its start?
        let n = line.starts.partition_point(|&s| s < span.end);
        n > 0 && line.reach[n - 1] > span.start
    }
}

/// The exception matches of the line being scanned: their starts, sorted, and the furthest end
/// among the first k of them.
#[derive(Default)]
struct ExceptedLine {
    start: usize,
    end: usize,
    starts: Vec<usize>,
    reach: Vec<usize>,
}
