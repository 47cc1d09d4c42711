//! `term-drift`: one term written two ways in a document (e-mail / email, Secretary-General /
//! Secretary General, health care / healthcare, U.S. / US). The majority form is the house
//! style and the others are flagged; on a tie, the form used first wins.
//!
//! Forms are grouped by their letters alone (case, hyphens, spaces and dots removed). Three
//! alternations are compared: hyphenated against closed ("e-mail" / "email"), open against
//! closed ("health care" / "healthcare", not when either word is one of `words`, the function
//! words: "every day" / "everyday", "set up" / "setup"), and, for capitalised terms only,
//! open against hyphenated ("Secretary General" / "Secretary-General"; lowercase "long term" /
//! "long-term" follows grammar, not style). Pairs listed in `phrases` are allowed.
//!
//! Dotted against undotted acronyms (U.S. / US) is never reported. Open / closed compounds are
//! both current forms, so they count only against a strong majority: the established form used
//! at least three times and three times as often as the other. Each term's forms are counted once, so the check is linear in
//! the number of words.

use rustc_hash::{FxHashMap, FxHashSet};

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

    /// The shape, span and grouping key of a word token; `None` for a hyphenated word with a
    /// function word in it.
    fn form(&self, cx: &Context, i: usize) -> Option<(Shape, Span, u64)> {
        let tokens = cx.doc.tokens();
        let t = &tokens[i];
        let w = cx.tok(t);
        let (shape, span) = if is_acronym(w) {
            if w.contains('.') {
                let dotted_next = tokens
                    .get(i + 1)
                    .is_some_and(|n| n.span().start == t.span().end && cx.tok(n) == ".");
                let end = if dotted_next {
                    t.span().end + 1
                } else {
                    t.span().end
                };
                (Shape::Dotted, Span::new(t.span().start, end))
            } else {
                (Shape::Acronym, t.span())
            }
        } else if w.contains('-') {
            if w.split('-')
                .any(|p| self.function_words.contains(&p.to_lowercase()))
            {
                return None;
            }
            (Shape::Hyphen, t.span())
        } else {
            (Shape::Closed, t.span())
        };
        let key = if matches!(shape, Shape::Acronym | Shape::Dotted) {
            key_of(&["#", w])
        } else {
            key_of(&[w])
        };
        Some((shape, span, key))
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let text = cx.text();
        let tokens = cx.doc.tokens();
        let occurrence = |shape, span: Span| Occurrence {
            shape,
            span,
            capitalised: span.of(text).split('-').all(is_capitalized),
        };
        // Plain words are most of the text and matter only when a term has another form, so a
        // first pass keeps the rare forms (hyphenated, acronyms) and only the keys of the plain
        // words; the plain occurrences of the terms that have another form are added last.
        // Each plain word's key gets a small ID, kept per word token (four bytes), so that the
        // last pass reads the IDs instead of reading the words again.
        let mut by_key: FxHashMap<u64, Vec<Occurrence>> = FxHashMap::default();
        let mut closed: FxHashMap<u64, u32> = FxHashMap::default();
        let mut ids: Vec<u32> = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            if t.kind != TokenKind::Word {
                continue;
            }
            match self.form(cx, i) {
                Some((Shape::Closed, _, key)) => {
                    let n = closed.len() as u32;
                    ids.push(*closed.entry(key).or_insert(n));
                }
                Some((shape, span, key)) => {
                    ids.push(NOT_CLOSED);
                    by_key.entry(key).or_default().push(occurrence(shape, span))
                }
                None => ids.push(NOT_CLOSED),
            }
        }
        // Open compounds: two words with one space, when the joined letters are already known.
        // Each word's key is computed once and carried to the next pair.
        let mut prev: Option<(u64, u64)> = None;
        for pair in tokens.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let carried = prev.take();
            if a.kind != TokenKind::Word || b.kind != TokenKind::Word {
                continue;
            }
            if b.span().start != a.span().end + 1 || text.as_bytes()[a.span().end] != b' ' {
                continue;
            }
            let (wa, wb) = (cx.tok(a), cx.tok(b));
            let dashed = |w: &str| w.bytes().any(|c| c == b'-' || c == b'.');
            if dashed(wa) || dashed(wb) {
                continue;
            }
            let ka = carried.unwrap_or_else(|| word_key(wa));
            let kb = word_key(wb);
            prev = Some(kb);
            let key = join(ka.0, kb.0, kb.1);
            if !(closed.contains_key(&key) || by_key.contains_key(&key)) {
                continue;
            }
            if self.function_words.contains(&wa.to_lowercase())
                || self.function_words.contains(&wb.to_lowercase())
            {
                continue;
            }
            by_key.entry(key).or_default().push(Occurrence {
                shape: Shape::Open,
                span: a.span().cover(b.span()),
                capitalised: is_capitalized(wa) && is_capitalized(wb),
            });
        }
        // The plain occurrences of the terms met in another form.
        if !by_key.is_empty() {
            let mut wanted = vec![false; closed.len()];
            for (key, &id) in &closed {
                wanted[id as usize] = by_key.contains_key(key);
            }
            let words = tokens.iter().filter(|t| t.kind == TokenKind::Word);
            for (t, &id) in words.zip(&ids) {
                if id != NOT_CLOSED && wanted[id as usize] {
                    let key = word_key(cx.tok(t)).0;
                    if let Some(list) = by_key.get_mut(&key) {
                        list.push(occurrence(Shape::Closed, t.span()));
                    }
                }
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
            // Count each shape once (linear in the occurrences); pick the majority, the
            // earliest on a tie.
            let mut tally: Vec<(Shape, usize, usize)> = Vec::with_capacity(shapes.len());
            for o in occ {
                match tally.iter_mut().find(|t| t.0 == o.shape) {
                    Some(t) => {
                        t.1 += 1;
                        t.2 = t.2.min(o.span.start);
                    }
                    None => tally.push((o.shape, 1, o.span.start)),
                }
            }
            let count = |s: Shape| tally.iter().find(|t| t.0 == s).map_or(0, |t| t.1);
            let Some(&(best, best_count, _)) =
                tally.iter().max_by_key(|t| (t.1, std::cmp::Reverse(t.2)))
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
            for o in occ.iter().filter(|o| {
                o.shape != best
                    && !dotting(o, best)
                    && self.comparable(o, canon)
                    && (!weak(o, best) || strong_majority(best_count, count(o.shape)))
            }) {
                let f = rule.finding(o.span, o.span.of(text));
                let message = f
                    .message
                    .replace("{canonical}", &canon_text)
                    .replace("{count}", &best_count.to_string());
                out.push(
                    f.with_message(message)
                        .with_suggestion(Some(canon_text.clone()))
                        .with_canonical(canon_text.clone(), canon.span),
                );
            }
        }
    }
}

/// The ID of a word token that is not a plain word (hyphenated, an acronym).
const NOT_CLOSED: u32 = u32::MAX;

/// Dotted against undotted acronyms (U.S. / US): house styles differ and annotators of real MT
/// output do not count the mix as an error, so it is never reported.
fn dotting(o: &Occurrence, best: Shape) -> bool {
    use Shape::{Acronym, Dotted};
    matches!((o.shape.min(best), o.shape.max(best)), (Acronym, Dotted))
}

/// Alternations where both forms are current, so a mix is a style matter and counts only against
/// a strong majority: an open compound against a closed majority (health care / healthcare) and
/// capitalised open against closed names (Viet Nam / Vietnam). Dotted against undotted acronyms
/// is weak too, though [`dotting`] keeps it out of the findings before this is asked. A
/// lowercase closed form against an open majority ("militaryhotline" beside "military hotline")
/// is more often two words run together and keeps the plain majority.
fn weak(o: &Occurrence, best: Shape) -> bool {
    use Shape::{Acronym, Closed, Dotted, Open};
    match (o.shape.min(best), o.shape.max(best)) {
        (Acronym, Dotted) => true,
        (Closed, Open) => o.shape == Open || o.capitalised,
        _ => false,
    }
}

/// The established form is used at least three times, and at least three times as often as
/// the other form.
fn strong_majority(best: usize, other: usize) -> bool {
    best >= 3 && best >= 3 * other
}

/// The grouping key of a term's forms: a hash of the lowercased letters and digits of the
/// parts, without allocating.
fn key_of(parts: &[&str]) -> u64 {
    parts.iter().fold(0, |h, p| {
        let (k, power) = word_key(p);
        join(h, k, power)
    })
}

/// Multiplier of the polynomial hash (odd, so that powers never vanish).
const BASE: u64 = 0x9e37_79b9_7f4a_7c15;

/// A polynomial hash of the lowercased letters and digits (and `#`) of `w`, with `BASE` raised
/// to their number: the hash of two words written together is `join` of theirs, so an open
/// compound's key comes from its two words' keys without reading them again.
fn word_key(w: &str) -> (u64, u64) {
    let bytes = w.as_bytes();
    if bytes.len() < POWERS.len() && bytes.iter().all(u8::is_ascii_alphanumeric) {
        // Letters and digits only, the common case: `| 0x20` lowercases a letter and keeps a
        // digit, and the terms are independent products (no chain of multiplications).
        let n = bytes.len();
        let h = bytes.iter().enumerate().fold(0u64, |h, (i, &b)| {
            h.wrapping_add(u64::from(b | 0x20).wrapping_mul(POWERS[n - 1 - i]))
        });
        return (h, POWERS[n]);
    }
    let (mut h, mut power) = (0u64, 1u64);
    let mut push = |c: u32| {
        h = h.wrapping_mul(BASE).wrapping_add(u64::from(c));
        power = power.wrapping_mul(BASE);
    };
    if w.is_ascii() {
        // The same values as below, a byte at a time.
        for b in w
            .bytes()
            .filter(|b| b.is_ascii_alphanumeric() || *b == b'#')
        {
            push(u32::from(b.to_ascii_lowercase()));
        }
    } else {
        for c in w.chars().filter(|c| c.is_alphanumeric() || *c == '#') {
            for l in c.to_lowercase() {
                push(l as u32);
            }
        }
    }
    (h, power)
}

/// `BASE` to the powers 0 to 63.
const POWERS: [u64; 64] = {
    let mut p = [1u64; 64];
    let mut i = 1;
    while i < 64 {
        p[i] = p[i - 1].wrapping_mul(BASE);
        i += 1;
    }
    p
};

/// The hash of the letters of `a` followed by those of `b` (`power` is `BASE` to the number of
/// letters of `b`).
fn join(a: u64, b: u64, power: u64) -> u64 {
    a.wrapping_mul(power).wrapping_add(b)
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
    if w.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    let caps = w.chars().filter(|c| c.is_uppercase()).count();
    (2..=5).contains(&caps) && w.chars().all(|c| c.is_uppercase() || c == '.')
}

#[cfg(test)]
mod tests {
    use super::{Occurrence, Shape, join, key_of, strong_majority, weak, word_key};
    use crate::document::Span;

    fn occ(shape: Shape, capitalised: bool) -> Occurrence {
        Occurrence {
            shape,
            span: Span::new(0, 1),
            capitalised,
        }
    }

    #[test]
    fn weak_alternations_need_a_strong_majority() {
        assert!(weak(&occ(Shape::Dotted, false), Shape::Acronym));
        assert!(weak(&occ(Shape::Open, false), Shape::Closed));
        assert!(weak(&occ(Shape::Closed, true), Shape::Open));
        assert!(!weak(&occ(Shape::Closed, false), Shape::Open));
        assert!(!weak(&occ(Shape::Closed, false), Shape::Hyphen));
        assert!(strong_majority(3, 1));
        assert!(!strong_majority(2, 1));
        assert!(!strong_majority(5, 2));
    }

    #[test]
    fn keys_ignore_case_hyphens_and_spaces() {
        let closed = key_of(&["Healthcare"]);
        assert_eq!(key_of(&["health-care"]), closed);
        assert_eq!(key_of(&["HEALTH", "care"]), closed);
        let (a, b) = (word_key("health"), word_key("Care"));
        assert_eq!(join(a.0, b.0, b.1), closed);
        assert_ne!(key_of(&["healthcore"]), closed);
        // The letters-only fast path and the general one agree.
        assert_eq!(word_key("Bar2"), word_key("bar-2"));
        assert_eq!(word_key("Café"), word_key("cafÉ"));
        assert_ne!(key_of(&["#", "us"]), key_of(&["us"]));
        let long = "a".repeat(70);
        assert_eq!(word_key(&long).0, key_of(&[&long[..35], &long[35..]]));
    }
}
