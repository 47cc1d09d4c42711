//! `glued-words`: a lowercase word run straight into a capitalised one ("officePresident").
//!
//! A candidate is a word token that starts with at least two lowercase letters followed by an
//! uppercase letter and a lowercase one, or that starts with a capitalised sentence opener
//! ("TheUnited"). Real mixed-case names (`words`: iPhone, YouTube, bioRxiv …) and name prefixes
//! (`prefixes`: Mc, Mac …) are exceptions; so are URLs, handles and code identifiers.

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
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let text = cx.text();
        for t in cx.doc.tokens() {
            if t.kind != TokenKind::Word {
                continue;
            }
            let word = cx.tok(t);
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
            if let Some(at) = glue_point(word, &cx.seg.openers) {
                let suggestion = format!("{} {}", &word[..at], &word[at..]);
                out.push(rule.finding(t.span, word).with_suggestion(Some(suggestion)));
            }
        }
    }
}

/// Whether the white-space-delimited chunk around `span` looks like a URL, an address, a
/// handle or a code identifier.
fn in_url_or_code(text: &str, span: Span) -> bool {
    let start = text[..span.start]
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + 1);
    let end = text[span.end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| span.end + i);
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
