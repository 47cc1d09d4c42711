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
        for m in self.matcher.find_iter(text) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let span = Span::new(m.start(), m.end());
            if self.excepted(text, span) {
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

    fn excepted(&self, text: &str, span: Span) -> bool {
        if self.exceptions.is_empty() {
            return false;
        }
        // Look at the surrounding line only.
        let start = text[..span.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let end = text[span.end..]
            .find(['\n', '\r'])
            .map_or(text.len(), |i| span.end + i);
        let line = &text[start..end];
        self.exceptions.iter().any(|e| {
            e.find_iter(line)
                .any(|x| start + x.start() < span.end && span.start < start + x.end())
        })
    }
}
