//! Sentence boundaries in the wrong place.
//!
//! - `broken-split`: a sentence cut short, its predicate pushed into the next sentence: a
//!   subordinate clause (introduced by one of `words`: unless, if, when …) followed, after a
//!   comma, by nothing but a short noun phrase: one of `determiners` and either a single word or
//!   only capitalised words ("…unless the ally reaches the threshold, the U.S. This includes…"),
//!   and either the noun phrase ends in an abbreviation or the next sentence opens with a
//!   common sentence opener, so an appositive ("…before moving to London, his hometown.") is
//!   not taken for a cut.
//! - `run-on`: two sentences joined without punctuation: a lowercase word followed directly by a
//!   capitalised sentence opener from `openers` and a lowercase word ("trusted him It will
//!   help"). Words after which a capitalised title or a new clause may follow (`words`: called,
//!   titled, film, that, and …) are exceptions, as is an opener followed by another capitalised
//!   word ("The Hague").

use rustc_hash::FxHashSet;

use super::{Builder, Context, is_lower_initial};
use crate::document::{Span, Token, TokenKind};
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

#[derive(Debug)]
pub struct BrokenSplit {
    subordinators: FxHashSet<String>,
    determiners: FxHashSet<String>,
    max_words: usize,
}

fn is_clause_break(cx: &Context, t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(cx.tok(t), "," | ";" | ":" | "—" | "–")
}

impl BrokenSplit {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        b.required(&b.spec.words, "words")?;
        b.required(&b.spec.determiners, "determiners")?;
        Ok(Self {
            subordinators: Builder::set(&b.spec.words, true),
            determiners: Builder::set(&b.spec.determiners, true),
            max_words: b.spec.max.unwrap_or(4),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let sentences = cx.doc.sentences();
        for (i, s) in sentences.iter().enumerate() {
            if !s.terminated || cx.doc.slice(s.span).ends_with(['?', '!']) {
                continue;
            }
            let toks = cx.doc.sentence_tokens(s);
            // Clause boundaries: indices of commas and the like.
            let breaks: Vec<usize> = (0..toks.len())
                .filter(|&k| is_clause_break(cx, &toks[k]))
                .collect();
            let Some(&last) = breaks.last() else {
                continue;
            };
            let final_clause: Vec<&Token> = toks[last + 1..]
                .iter()
                .filter(|t| t.kind != TokenKind::Punct)
                .collect();
            let Some(first) = final_clause.first() else {
                continue;
            };
            let noun_phrase = final_clause.len() == 2
                || final_clause[1..]
                    .iter()
                    .all(|t| super::is_capitalized(cx.tok(t)));
            if final_clause.len() < 2
                || final_clause.len() > self.max_words
                || !noun_phrase
                || !self.determiners.contains(&cx.tok(first).to_lowercase())
            {
                continue;
            }
            let prev_start = breaks.len().checked_sub(2).map_or(0, |k| breaks[k] + 1);
            let subordinate = toks[prev_start..last].iter().any(|t| {
                t.kind == TokenKind::Word && self.subordinators.contains(&cx.tok(t).to_lowercase())
            });
            if !subordinate {
                continue;
            }
            // The predicate must be missing, not merely absent from an appositive ("…, his
            // hometown."): the next sentence opens like a continuation, or the noun phrase
            // ends in an abbreviation the splitter broke after ("the U.S.").
            let next_word = sentences
                .get(i + 1)
                .filter(|n| n.paragraph == s.paragraph)
                .and_then(|n| cx.doc.sentence_tokens(n).iter().find(|t| t.is_word()));
            let last_word = final_clause[final_clause.len() - 1];
            let abbreviated = cx.tok(last_word).contains('.');
            let continues = next_word.is_some_and(|t| cx.seg.openers.contains(cx.tok(t)));
            if !abbreviated && !continues {
                continue;
            }
            let mut span = Span::new(first.span.start, s.span.end);
            if let Some(t) = next_word {
                span = span.cover(t.span);
            }
            out.push(rule.finding(span, cx.doc.slice(span)));
        }
    }
}

#[derive(Debug)]
pub struct RunOn {
    openers: FxHashSet<String>,
    title_words: FxHashSet<String>,
}

impl RunOn {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        b.required(&b.spec.openers, "openers")?;
        Ok(Self {
            openers: Builder::set(&b.spec.openers, false),
            title_words: Builder::set(&b.spec.words, true),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let text = cx.text();
        for s in cx.doc.sentences() {
            let toks = cx.doc.sentence_tokens(s);
            for w in toks.windows(3) {
                let [a, b, c] = [&w[0], &w[1], &w[2]];
                if a.kind != TokenKind::Word
                    || b.kind != TokenKind::Word
                    || c.kind != TokenKind::Word
                {
                    continue;
                }
                let (wa, wb, wc) = (cx.tok(a), cx.tok(b), cx.tok(c));
                let gap = &text[a.span.end..b.span.start];
                if !self.openers.contains(wb)
                    || !wa
                        .chars()
                        .all(|ch| ch.is_lowercase() || ch == '\'' || ch == '’')
                    || !is_lower_initial(wc)
                    || gap.is_empty()
                    || !gap.chars().all(|ch| ch == ' ' || ch == '\u{a0}')
                    || self.title_words.contains(wa)
                {
                    continue;
                }
                let span = a.span.cover(b.span);
                out.push(
                    rule.finding(span, span.of(text))
                        .with_suggestion(Some(format!("{wa}. {wb}"))),
                );
            }
        }
    }
}
