//! `untranslated`: a paragraph or sentence whose language is confidently not the target (a
//! German sentence left in an English article). Only text of at least `min` words (default 6)
//! is judged, whatlang's confidence must reach `ratio` (default 0.3), and text in which at
//! least a third of the words are common words of the target (`words`) counts as the target
//! language, so names, titles, short quotes and loanwords do not fire. (whatlang's confidence is the margin between
//! its two best guesses: a clear French sentence may score 0.4 against Italian.)

use rustc_hash::FxHashSet;

use super::{Builder, Context};
use crate::document::{Span, Token, TokenKind};
use crate::error::Error;
use crate::finding::Finding;
use crate::lang;
use crate::rules::Rule;

#[derive(Debug)]
pub struct Untranslated {
    min_words: usize,
    min_confidence: f64,
    function_words: FxHashSet<String>,
}

impl Untranslated {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        let ratio = b.spec.ratio.unwrap_or(0.3);
        if !(0.0..=1.0).contains(&ratio) {
            return Err(b.error("`ratio` must be between 0 and 1"));
        }
        Ok(Self {
            min_words: b.spec.min.unwrap_or(6).max(1),
            min_confidence: ratio,
            function_words: Builder::set(&b.spec.words, true),
        })
    }

    /// The language the text of `tokens` is confidently written in, when it is not the target.
    fn foreign(&self, cx: &Context, tokens: &[Token]) -> Option<String> {
        let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
            return None;
        };
        let span = first.span.cover(last.span);
        let toks: Vec<&str> = tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| cx.tok(t))
            .collect();
        if toks.len() < self.min_words {
            return None;
        }
        let native = toks
            .iter()
            .filter(|w| self.function_words.contains(&w.to_lowercase()))
            .count();
        if native * 3 >= toks.len() {
            return None;
        }
        let d = lang::detect(span.of(cx.text()));
        let guess = d.guess?;
        (d.confidence >= self.min_confidence && guess != cx.language).then_some(guess)
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        if cx.language.is_empty() {
            return; // target undecided: nothing to compare with
        }
        let all = cx.doc.tokens();
        for p in cx.doc.paragraphs() {
            let sentences = cx.doc.paragraph_sentences(p);
            let (Some(first), Some(last)) = (sentences.first(), sentences.last()) else {
                continue;
            };
            if let Some(l) = self.foreign(cx, &all[first.tokens.start..last.tokens.end]) {
                out.push(finding(cx, rule, first.span.cover(last.span), &l));
                continue;
            }
            if sentences.len() == 1 {
                continue;
            }
            for s in sentences {
                if let Some(l) = self.foreign(cx, cx.doc.sentence_tokens(s)) {
                    out.push(finding(cx, rule, s.span, &l));
                }
            }
        }
    }
}

fn finding(cx: &Context, rule: &Rule, span: Span, language: &str) -> Finding {
    let f = rule.finding(span, span.of(cx.text()));
    let message = f.message.replace("{language}", language);
    f.with_message(message)
}
