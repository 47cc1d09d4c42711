//! `glued-words`: a lowercase word run straight into a capitalised one ("officePresident").
//!
//! A candidate is a word token that starts with at least two lowercase letters followed by an
//! uppercase letter and a lowercase one, that starts with one of `openers` run into a
//! capitalised word ("TheUnited"), or that runs a capitalised word into a title of the
//! `[people]` vocabulary ("TennesseeGovernor"). Real mixed-case names (`words`: iPhone, YouTube, easyJet …)
//! and name prefixes (`prefixes`: Mc, Mac …) are exceptions; so are URLs, handles and code
//! identifiers.

use rustc_hash::FxHashSet;

use super::{Builder, Context};
use crate::document::{Span, TokenKind};
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

#[derive(Debug)]
pub struct Glued {
    allowed: FxHashSet<String>,
    prefixes: Vec<String>,
    openers: FxHashSet<String>,
}

/// Byte offset inside `word` where a second word starts, if the token looks glued.
fn glue_point(word: &str, openers: &FxHashSet<String>) -> Option<usize> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let first_upper = chars.first()?.1.is_uppercase();
    let mut lower_run = 0usize;
    for w in chars.windows(3) {
        let [(_, a), (j, b), (_, c)] = [w[0], w[1], w[2]];
        if !a.is_alphabetic() {
            lower_run = 0;
            continue;
        }
        if a.is_lowercase() {
            lower_run += 1;
        }
        if a.is_lowercase() && b.is_uppercase() {
            if !first_upper && lower_run >= 2 && c.is_lowercase() {
                return Some(j);
            }
            if first_upper && openers.contains(&word[..j]) {
                return Some(j);
            }
            return None;
        }
    }
    None
}

impl Glued {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            allowed: Builder::set(&b.spec.words, false),
            prefixes: b.spec.prefixes.clone().unwrap_or_default(),
            openers: Builder::set(&b.spec.openers, false),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let text = cx.text();
        for t in cx.doc.tokens() {
            if t.kind != TokenKind::Word {
                continue;
            }
            let word = cx.tok(t);
            let Some(at) = glue_point(word, &self.openers).or_else(|| titled_glue(word, cx)) else {
                continue;
            };
            let base = word
                .strip_suffix("'s")
                .or_else(|| word.strip_suffix("’s"))
                .unwrap_or(word);
            if self.allowed.contains(base)
                || self.prefixes.iter().any(|p| base.starts_with(p.as_str()))
                || in_url_or_code(text, t.span)
            {
                continue;
            }
            let suggestion = format!("{} {}", &word[..at], &word[at..]);
            out.push(rule.finding(t.span, word).with_suggestion(Some(suggestion)));
        }
    }
}

/// A capitalised word run into a title: "TennesseeGovernor", "MinistryPresident".
fn titled_glue(word: &str, cx: &Context) -> Option<usize> {
    let mut prev: Option<char> = None;
    for (i, c) in word.char_indices() {
        if let Some(p) = prev
            && p.is_lowercase()
            && c.is_uppercase()
        {
            let rest = &word[i..];
            let rest = rest
                .strip_suffix("'s")
                .or_else(|| rest.strip_suffix("’s"))
                .unwrap_or(rest);
            return (i >= 3 && cx.people.titles.contains_key(rest)).then_some(i);
        }
        prev = Some(c);
    }
    None
}

/// How far around a token to look for URL and code markers.
const CHUNK_LIMIT: usize = 256;

/// Whether the white-space-delimited chunk around `span` (up to [`CHUNK_LIMIT`] bytes each
/// way) looks like a URL, an address, a handle or a code identifier.
fn in_url_or_code(text: &str, span: Span) -> bool {
    let mut start = span.start;
    for (i, c) in text[..span.start].char_indices().rev() {
        if c.is_whitespace() || span.start - i > CHUNK_LIMIT {
            break;
        }
        start = i;
    }
    let mut end = span.end;
    for (i, c) in text[span.end..].char_indices() {
        if c.is_whitespace() || i > CHUNK_LIMIT {
            break;
        }
        end = span.end + i + c.len_utf8();
    }
    let chunk = &text[start..end];
    ["://", "www.", "@", "#", "_", "/", "\\", "=", "`"]
        .iter()
        .any(|m| chunk.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_glue_points() {
        let openers: FxHashSet<String> = ["The".to_string()].into_iter().collect();
        assert_eq!(glue_point("officePresident", &openers), Some(6));
        assert_eq!(glue_point("TheUnited", &openers), Some(3));
        assert_eq!(glue_point("iPhone", &openers), None);
        assert_eq!(glue_point("mRNA", &openers), None);
        assert_eq!(glue_point("YouTube", &openers), None);
        assert_eq!(glue_point("pro-Russian", &openers), None);
    }
}
