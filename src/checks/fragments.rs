//! Sentences and paragraphs that stop before they are complete.
//!
//! - `dangling-fragment`: a sentence closed by a full stop right after a word that cannot end a
//!   sentence (`words`: the, of, because …) or a phrase that cannot (`phrases`: "that there was",
//!   "such as"): "He claimed that there was."
//! - `truncation`: a paragraph that ends a block without closing punctuation, on a word that
//!   cannot end a sentence (`words`), a comma, or a word cut by a hyphen.

use rustc_hash::FxHashSet;

use super::{Builder, Context};
use crate::document::TokenKind;
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

#[derive(Debug)]
pub struct Dangling {
    words: FxHashSet<String>,
    phrases: Vec<Vec<String>>,
}

impl Dangling {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        let phrases: Vec<Vec<String>> = b
            .spec
            .phrases
            .iter()
            .flatten()
            .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
            .filter(|p: &Vec<String>| !p.is_empty())
            .collect();
        let words = Builder::set(&b.spec.words, true);
        if words.is_empty() && phrases.is_empty() {
            return Err(b.error("kind `dangling-fragment` needs `words` or `phrases`"));
        }
        Ok(Self { words, phrases })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        for s in cx.doc.sentences() {
            let toks = cx.doc.sentence_tokens(s);
            let n = toks.len();
            // "… word." with the period directly after the word, in a sentence of two words or more.
            if n < 3 || cx.tok(&toks[n - 1]) != "." || toks[n - 2].kind != TokenKind::Word {
                continue;
            }
            let words: Vec<String> = toks[..n - 1]
                .iter()
                .filter(|t| t.kind != TokenKind::Punct)
                .map(|t| cx.tok(t).to_lowercase())
                .collect();
            if words.len() < 2 {
                continue;
            }
            let last = &words[words.len() - 1];
            let hit = self.words.contains(last)
                || self
                    .phrases
                    .iter()
                    .any(|p| p.len() < words.len() && words.ends_with(p));
            if hit {
                out.push(rule.finding(s.span, cx.doc.slice(s.span)));
            }
        }
    }
}

#[derive(Debug)]
pub struct Truncation {
    words: FxHashSet<String>,
}

impl Truncation {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        b.required(&b.spec.words, "words")?;
        Ok(Self {
            words: Builder::set(&b.spec.words, true),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        for p in cx.doc.paragraphs() {
            if !p.ends_block {
                continue;
            }
            let Some(s) = cx.doc.paragraph_sentences(p).last() else {
                continue;
            };
            let toks = cx.doc.sentence_tokens(s);
            if s.terminated || toks.len() < 4 {
                continue;
            }
            let last = &toks[toks.len() - 1];
            let before = &toks[toks.len() - 2];
            let span = match cx.tok(last) {
                "," if before.kind == TokenKind::Word => Some(last.span),
                "-" | "‐"
                    if before.kind == TokenKind::Word && before.span.end == last.span.start =>
                {
                    Some(before.span.cover(last.span))
                }
                w if last.kind == TokenKind::Word && self.words.contains(&w.to_lowercase()) => {
                    Some(last.span)
                }
                _ => None,
            };
            if let Some(span) = span {
                out.push(rule.finding(span, span.of(cx.text())));
            }
        }
    }
}
