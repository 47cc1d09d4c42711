//! Leaked source-language particles.
//!
//! - `leaked-particle`: a sentence that is nothing but a romanised grammatical particle of the
//!   source language ("… on Thursday. Ta."), one of the longer particles from the same list
//!   (four letters or more, such as "desu", "mashita") standing as a lowercase word in a sentence,
//!   a short particle closing a clause ("a tough game, ne," / "at risk da." : lowercase, after a
//!   lowercase word or a comma, before a comma, a terminator or a closing quote), or a particle
//!   hyphenated to the end of a lowercase word ("convenient-yo"). Capitalised words (names such
//!   as Da, Le, Ne-Yo), acronyms, reduplications (yo-yo) and a particle before a capitalised word
//!   (da Silva, le Carré) stay silent.
//! - `lone-nonword`: for any source, a sentence made of a single word of two to `max` letters
//!   that is not a word of the target language (`words` lists the short words that are).

use rustc_hash::FxHashSet;

use super::{Builder, Context};
use crate::document::{Sentence, Span, Token, TokenKind};
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

/// The one word token of a sentence made of a single word plus punctuation, if so.
fn lone_word<'t>(tokens: &'t [Token], s: &Sentence) -> Option<&'t Token> {
    let toks = &tokens[s.tokens.clone()];
    let mut words = toks.iter().filter(|t| t.kind != TokenKind::Punct);
    let w = words.next()?;
    (words.next().is_none() && w.kind == TokenKind::Word).then_some(w)
}

#[derive(Debug)]
pub struct Particle {
    particles: FxHashSet<String>,
}

impl Particle {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        b.required(&b.spec.words, "words")?;
        Ok(Self {
            particles: Builder::set(&b.spec.words, true),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let tokens = cx.doc.tokens();
        for s in cx.doc.sentences() {
            if let Some(w) = lone_word(tokens, s) {
                let word = cx.tok(w);
                let acronym = word.chars().count() > 1 && word.chars().all(char::is_uppercase);
                if !acronym && self.particles.contains(&word.to_lowercase()) {
                    out.push(rule.finding(s.span, cx.tok(w)));
                }
                continue;
            }
            let toks = &tokens[s.tokens.clone()];
            for (i, t) in toks.iter().enumerate() {
                if t.kind != TokenKind::Word {
                    continue;
                }
                let w = cx.tok(t);
                if !w.chars().all(|c| c.is_lowercase() || c == '-') {
                    continue;
                }
                if self.particles.contains(w) && (w.len() >= 4 || self.closes_clause(cx, toks, i)) {
                    out.push(rule.finding(t.span(), w));
                } else if let Some(span) = self.suffix(t, w) {
                    out.push(rule.finding(span, span.of(cx.text())));
                }
            }
        }
    }

    /// Whether the word at `i` closes a clause: after a lowercase word or a comma, and before a
    /// comma, a terminator, a closing quote or the end of the sentence.
    fn closes_clause(&self, cx: &Context, toks: &[Token], i: usize) -> bool {
        let before = i.checked_sub(1).map(|j| (&toks[j], cx.tok(&toks[j])));
        let after = toks.get(i + 1).map(|t| (t, cx.tok(t)));
        let before_ok = match before {
            Some((t, w)) if t.kind == TokenKind::Word => {
                w.chars().next().is_some_and(char::is_lowercase)
            }
            Some((_, w)) => matches!(w, "," | "、" | "，"),
            None => false,
        };
        let after_ok = match after {
            None => true,
            Some((t, w)) => {
                t.kind == TokenKind::Punct
                    && matches!(
                        w,
                        "," | "." | "!" | "?" | ";" | "\"" | "”" | "’" | "»" | "…" | ")"
                    )
            }
        };
        before_ok && after_ok
    }

    /// A particle hyphenated to the end of a lowercase word of three letters or more
    /// ("convenient-yo"): the span of the hyphen and the particle.
    fn suffix(&self, t: &Token, w: &str) -> Option<Span> {
        let (stem, last) = w.rsplit_once('-')?;
        let head = stem.rsplit('-').next()?;
        if head.chars().count() < 3 || head == last || !self.particles.contains(last) {
            return None;
        }
        let start = t.span().start + stem.len();
        Some(Span::new(start, t.span().end))
    }
}

#[derive(Debug)]
pub struct LoneNonword {
    allowed: FxHashSet<String>,
    max_letters: usize,
}

fn is_roman_numeral(w: &str) -> bool {
    w.chars().all(|c| {
        matches!(
            c.to_ascii_uppercase(),
            'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'
        )
    })
}

impl LoneNonword {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        b.required(&b.spec.words, "words")?;
        Ok(Self {
            allowed: Builder::set(&b.spec.words, true),
            max_letters: b.spec.max.unwrap_or(3),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let tokens = cx.doc.tokens();
        for s in cx.doc.sentences() {
            if !s.terminated {
                continue;
            }
            let Some(w) = lone_word(tokens, s) else {
                continue;
            };
            let word = cx.tok(w);
            let letters = word.chars().count();
            let acronym = word.chars().all(|c| c.is_uppercase());
            if (2..=self.max_letters).contains(&letters)
                && word.chars().all(char::is_alphabetic)
                && !acronym
                && !is_roman_numeral(word)
                && !self.allowed.contains(&word.to_lowercase())
            {
                out.push(rule.finding(s.span, word));
            }
        }
    }
}
