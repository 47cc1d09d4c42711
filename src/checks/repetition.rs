//! Repetition: a doubled word ("the the") and a sentence repeated verbatim.

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Builder, Context, is_capitalized};
use crate::document::TokenKind;
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

/// `doubled-word`: the same word twice in a row, separated only by spaces. Words that may be
/// doubled (`words`: had, that …) and repeated names ("Bora Bora") are exceptions.
#[derive(Debug)]
pub struct DoubledWord {
    allowed: FxHashSet<String>,
}

impl DoubledWord {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            allowed: Builder::set(&b.spec.words, true),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let text = cx.text();
        for s in cx.doc.sentences() {
            for w in cx.doc.sentence_tokens(s).windows(2) {
                let (a, b) = (&w[0], &w[1]);
                if a.kind != TokenKind::Word || b.kind != TokenKind::Word {
                    continue;
                }
                let (wa, wb) = (cx.tok(a), cx.tok(b));
                let gap = &text[a.span.end..b.span.start];
                if wa.to_lowercase() != wb.to_lowercase() {
                    continue;
                }
                if gap.is_empty()
                    || !gap.chars().all(|c| c == ' ' || c == '\u{a0}')
                    || is_capitalized(wb)
                    || self.allowed.contains(&wb.to_lowercase())
                {
                    continue;
                }
                let span = a.span.cover(b.span);
                out.push(
                    rule.finding(span, span.of(text))
                        .with_suggestion(Some(wa.to_string())),
                );
            }
        }
    }
}

/// `repeated-sentence`: a sentence of at least `min` words that repeats an earlier one word for
/// word (case and spacing aside).
#[derive(Debug)]
pub struct RepeatedSentence {
    min_words: usize,
}

impl RepeatedSentence {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            min_words: b.spec.min.unwrap_or(6).max(1),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let mut seen: FxHashMap<String, usize> = FxHashMap::default();
        for s in cx.doc.sentences() {
            let words: Vec<String> = cx
                .doc
                .sentence_tokens(s)
                .iter()
                .filter(|t| t.kind != TokenKind::Punct)
                .map(|t| cx.tok(t).to_lowercase())
                .collect();
            if words.len() < self.min_words {
                continue;
            }
            let key = words.join(" ");
            match seen.get(&key) {
                Some(&first) => {
                    let (line, _) = cx.doc.lines().line_col(cx.text(), first);
                    let f = rule.finding(s.span, cx.doc.slice(s.span));
                    let message = format!("{} (first at line {line})", f.message);
                    out.push(f.with_message(message));
                }
                None => {
                    seen.insert(key, s.span.start);
                }
            }
        }
    }
}
