//! Leaked source-language particles.
//!
//! - `leaked-particle`: a sentence that is nothing but a romanised grammatical particle of the
//!   source language ("… on Thursday. Ta."), or one of the longer particles from the same list
//!   (four letters or more, such as "desu", "mashita") standing as a lowercase word in a sentence.
//! - `lone-nonword`: for any source, a sentence made of a single word of two to `max` letters
//!   that is not a word of the target language (`words` lists the short words that are).

use rustc_hash::FxHashSet;

use super::{Builder, Context};
use crate::document::{Sentence, Token, TokenKind};
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
            for t in &tokens[s.tokens.clone()] {
                let w = cx.tok(t);
                if t.kind == TokenKind::Word
                    && w.len() >= 4
                    && w.chars().all(|c| c.is_ascii_lowercase())
                    && self.particles.contains(w)
                {
                    out.push(rule.finding(t.span, w));
                }
            }
        }
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
