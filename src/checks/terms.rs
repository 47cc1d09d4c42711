//! `term-drift`: one term written two ways in a document (e-mail / email, Secretary-General /
//! Secretary General, health care / healthcare, U.S. / US). The majority form is the house
//! style and the others are flagged; on a tie, the form used first wins.
//!
//! Forms are grouped by their letters alone (case, hyphens, spaces and dots removed). Three
//! alternations are compared: hyphenated against closed ("e-mail" / "email"), open against
//! closed ("health care" / "healthcare", not when either word is one of `words`, the function
//! words: "every day" / "everyday", "set up" / "setup"), and, for capitalised terms only,
//! open against hyphenated ("Secretary General" / "Secretary-General"; lowercase "long term" /
//! "long-term" follows grammar, not style). Dotted acronyms are compared with undotted ones.
//! Pairs listed in `phrases` are allowed.

use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use super::{Builder, Context, is_capitalized};
use crate::document::{Span, TokenKind};
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Shape {
    Closed,
    Hyphen,
    Open,
    Acronym,
    Dotted,
}

#[derive(Debug)]
pub struct TermDrift {
    function_words: FxHashSet<String>,
    allowed: FxHashSet<String>,
}

struct Occurrence {
    shape: Shape,
    span: Span,
    capitalised: bool,
}

impl TermDrift {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            function_words: Builder::set(&b.spec.words, true),
            allowed: b
                .spec
                .phrases
                .iter()
                .flatten()
                .map(|p| letters(p))
                .collect(),
        })
    }

    fn comparable(&self, a: &Occurrence, b: &Occurrence) -> bool {
        use Shape::{Acronym, Closed, Dotted, Hyphen, Open};
        match (a.shape.min(b.shape), a.shape.max(b.shape)) {
            (Closed, Hyphen) => true,
            (Closed, Open) => true,
            (Hyphen, Open) => a.capitalised && b.capitalised,
            (Acronym, Dotted) => true,
            _ => false,
        }
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let text = cx.text();
        let tokens = cx.doc.tokens();
        let mut by_key: FxHashMap<u64, Vec<Occurrence>> = FxHashMap::default();
        for (i, t) in tokens.iter().enumerate() {
            if t.kind != TokenKind::Word {
                continue;
            }
            let w = cx.tok(t);
            let dotted_next = tokens
                .get(i + 1)
                .is_some_and(|n| n.span.start == t.span.end && cx.tok(n) == ".");
            let (shape, span) = if is_acronym(w) && w.contains('.') {
                let end = if dotted_next {
                    t.span.end + 1
                } else {
                    t.span.end
                };
                (Shape::Dotted, Span::new(t.span.start, end))
            } else if is_acronym(w) {
                (Shape::Acronym, t.span)
            } else if w.contains('-') {
                let parts: Vec<&str> = w.split('-').collect();
                if parts
                    .iter()
                    .any(|p| self.function_words.contains(&p.to_lowercase()))
                {
                    continue;
                }
                (Shape::Hyphen, t.span)
            } else {
                (Shape::Closed, t.span)
            };
            let key = if matches!(shape, Shape::Acronym | Shape::Dotted) {
                key_of(&["#", w])
            } else {
                key_of(&[w])
            };
            by_key.entry(key).or_default().push(Occurrence {
                shape,
                span,
                capitalised: w.split('-').all(is_capitalized),
            });
        }
        // Open compounds: two words with one space, when the joined letters are already known.
        for pair in tokens.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if a.kind != TokenKind::Word || b.kind != TokenKind::Word {
                continue;
            }
            if &text[a.span.end..b.span.start] != " " {
                continue;
            }
            let (wa, wb) = (cx.tok(a), cx.tok(b));
            if wa.contains(['-', '.']) || wb.contains(['-', '.']) {
                continue;
            }
            if self.function_words.contains(&wa.to_lowercase())
                || self.function_words.contains(&wb.to_lowercase())
            {
                continue;
            }
            let key = key_of(&[wa, wb]);
            if let Some(list) = by_key.get_mut(&key) {
                list.push(Occurrence {
                    shape: Shape::Open,
                    span: a.span.cover(b.span),
                    capitalised: is_capitalized(wa) && is_capitalized(wb),
                });
            }
        }
        let mut keys: Vec<&u64> = by_key.keys().collect();
        keys.sort_by_key(|k| by_key[*k].iter().map(|o| o.span.start).min());
        for key in keys {
            let occ = &by_key[key];
            if occ.len() < 2 || self.allowed.contains(&letters(occ[0].span.of(text))) {
                continue;
            }
            let mut shapes: Vec<Shape> = occ.iter().map(|o| o.shape).collect();
            shapes.sort();
            shapes.dedup();
            if shapes.len() < 2 {
                continue;
            }
            // Count each shape; pick the majority, the earliest on a tie.
            let count = |s: Shape| occ.iter().filter(|o| o.shape == s).count();
            let first = |s: Shape| {
                occ.iter()
                    .filter(|o| o.shape == s)
                    .map(|o| o.span.start)
                    .min()
                    .unwrap_or(usize::MAX)
            };
            let Some(&best) = shapes
                .iter()
                .max_by_key(|&&s| (count(s), std::cmp::Reverse(first(s))))
            else {
                continue;
            };
            let Some(canon) = occ
                .iter()
                .filter(|o| o.shape == best)
                .min_by_key(|o| o.span.start)
            else {
                continue;
            };
            let canon_text = canon.span.of(text).to_string();
            for o in occ
                .iter()
                .filter(|o| o.shape != best && self.comparable(o, canon))
            {
                let f = rule.finding(o.span, o.span.of(text));
                let message = f
                    .message
                    .replace("{canonical}", &canon_text)
                    .replace("{count}", &count(best).to_string());
                out.push(
                    f.with_message(message)
                        .with_suggestion(Some(canon_text.clone()))
                        .with_canonical(canon_text.clone(), canon.span),
                );
            }
        }
    }
}

/// A hash of the lowercased letters and digits of the parts, without allocating: the grouping
/// key of a term's forms.
fn key_of(parts: &[&str]) -> u64 {
    let mut h = FxHasher::default();
    for p in parts {
        for c in p.chars().filter(|c| c.is_alphanumeric() || *c == '#') {
            for l in c.to_lowercase() {
                h.write_u32(l as u32);
            }
        }
    }
    h.finish()
}

/// The letters and digits of a term, lowercased.
fn letters(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Two to five capital letters, possibly with dots between them ("US", "U.S", "NATO").
fn is_acronym(w: &str) -> bool {
    let caps = w.chars().filter(|c| c.is_uppercase()).count();
    (2..=5).contains(&caps) && w.chars().all(|c| c.is_uppercase() || c == '.')
}
