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
use crate::document::{Span, Token, TokenKind};
use crate::error::Error;
use crate::finding::Finding;
use crate::lexicon::WordSet;
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
    function_words: WordSet,
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
            function_words: WordSet::new(b.spec.words.iter().flatten()),
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
            if w.split('-').any(|p| self.function_words.contains(p)) {
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
        // Each distinct plain word gets a small ID, kept per word token (four bytes), and its
        // key once per ID, so that the later passes read the IDs instead of the words.
        let mut by_key: FxHashMap<u64, Vec<Occurrence>> = FxHashMap::default();
        let mut closed: FxHashMap<u64, u32> = FxHashMap::default();
        let mut plain: Vec<Plain> = Vec::new();
        let mut ids: Vec<u32> = Vec::new();
        for (i, t) in tokens.iter().enumerate() {
            if t.kind != TokenKind::Word {
                continue;
            }
            let w = cx.tok(t);
            let found = match quick_form(w) {
                Some(QuickForm::Closed(key, power)) => Some((Shape::Closed, t.span(), key, power)),
                Some(QuickForm::Acronym) => Some((Shape::Acronym, t.span(), key_of(&["#", w]), 0)),
                None => self.form(cx, i).map(|(shape, span, key)| {
                    // The power matters for a plain word only (see `Plain`).
                    let power = if shape == Shape::Closed {
                        word_key(w).1
                    } else {
                        0
                    };
                    (shape, span, key, power)
                }),
            };
            match found {
                Some((Shape::Closed, _, key, power)) => {
                    let n = closed.len() as u32;
                    let id = *closed.entry(key).or_insert(n);
                    if id == n {
                        plain.push(Plain { key, power });
                    }
                    // Words of one key may differ in dots ("e.g" / "eg"): kept per token.
                    ids.push(if dashed(w) { id | DASHED } else { id });
                }
                Some((shape, span, key, _)) => {
                    ids.push(NOT_CLOSED);
                    by_key.entry(key).or_default().push(occurrence(shape, span))
                }
                None => ids.push(NOT_CLOSED),
            }
        }
        // Open compounds: two words with one space, when the joined letters are already known.
        // The keys known so far are all there will be (an open form is kept only under a key
        // met before), so a bit filter of them turns most pairs away before a hash probe.
        let known = KeyFilter::new(closed.keys().chain(by_key.keys()).copied(), closed.len());
        // The key of the word token `t`, the `w`-th word: from its ID, or read for the rare
        // word without one (an acronym); `None` for a word with a hyphen or a dot.
        let pair_key = |w: usize, t: &Token| -> Option<(u64, u64)> {
            match ids[w] {
                NOT_CLOSED => {
                    let word = cx.tok(t);
                    (!dashed(word)).then(|| word_key(word))
                }
                id if id & DASHED != 0 => None,
                id => {
                    let p = &plain[id as usize];
                    Some((p.key, p.power))
                }
            }
        };
        let mut w = 0; // word tokens before `i`
        for i in 0..tokens.len().saturating_sub(1) {
            let (a, b) = (&tokens[i], &tokens[i + 1]);
            if a.kind != TokenKind::Word {
                continue;
            }
            w += 1;
            if b.kind != TokenKind::Word {
                continue;
            }
            if b.span().start != a.span().end + 1 || text.as_bytes()[a.span().end] != b' ' {
                continue;
            }
            let (Some(ka), Some(kb)) = (pair_key(w - 1, a), pair_key(w, b)) else {
                continue;
            };
            let key = join(ka.0, kb.0, kb.1);
            if !known.may_hold(key) || !(closed.contains_key(&key) || by_key.contains_key(&key)) {
                continue;
            }
            let (wa, wb) = (cx.tok(a), cx.tok(b));
            if self.function_words.contains(wa) || self.function_words.contains(wb) {
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
            let wanted: Vec<bool> = plain.iter().map(|p| by_key.contains_key(&p.key)).collect();
            let words = tokens.iter().filter(|t| t.kind == TokenKind::Word);
            for (t, &id) in words.zip(&ids) {
                let id = (id & !DASHED) as usize;
                if id < plain.len() && wanted[id] {
                    let key = plain[id].key;
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

/// Set in the ID of a plain word token with a dot, which keeps it out of open compounds.
const DASHED: u32 = 1 << 31;

/// A distinct plain word: its key, and `BASE` to the number of its letters (to join it to the
/// word before it).
struct Plain {
    key: u64,
    power: u64,
}

/// Whether a word has a hyphen or a dot, which keeps it out of open compounds.
fn dashed(w: &str) -> bool {
    w.bytes().any(|c| c == b'-' || c == b'.')
}

/// The form of the common word, ASCII letters and digits only, found in one reading: a plain
/// word with its key and power, or an undotted acronym. `None` leaves the word to
/// [`TermDrift::form`]; the answers are the same as its.
enum QuickForm {
    Closed(u64, u64),
    Acronym,
}

fn quick_form(w: &str) -> Option<QuickForm> {
    let bytes = w.as_bytes();
    if bytes.is_empty()
        || bytes.len() >= POWERS.len()
        || !bytes.iter().all(u8::is_ascii_alphanumeric)
    {
        return None;
    }
    // `is_acronym` on letters and digits: two to five letters, all capitals.
    if (2..=5).contains(&bytes.len()) && bytes.iter().all(u8::is_ascii_uppercase) {
        return Some(QuickForm::Acronym);
    }
    let (key, power) = word_key(w);
    Some(QuickForm::Closed(key, power))
}

/// A bit filter of a set of keys: `may_hold` is false for most keys outside the set and true
/// for every key in it.
struct KeyFilter {
    bits: Vec<u64>,
    shift: u32,
}

impl KeyFilter {
    /// About sixteen bits per key (`expected` of them), so that few keys outside pass.
    fn new(keys: impl Iterator<Item = u64>, expected: usize) -> Self {
        let n = (expected.max(64) * 16).next_power_of_two().min(1 << 26);
        let shift = 64 - n.trailing_zeros();
        let mut filter = Self {
            bits: vec![0; n / 64],
            shift,
        };
        for k in keys {
            let b = filter.bit(k);
            filter.bits[b / 64] |= 1 << (b % 64);
        }
        filter
    }

    fn bit(&self, key: u64) -> usize {
        (key.wrapping_mul(0x2545_f491_4f6c_dd1d) >> self.shift) as usize
    }

    fn may_hold(&self, key: u64) -> bool {
        let b = self.bit(key);
        self.bits[b / 64] & (1 << (b % 64)) != 0
    }
}

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
