//! `glued-words`: a lowercase word run straight into a capitalised one ("officePresident").
//!
//! A candidate is a word token that starts with at least two lowercase letters followed by an
//! uppercase letter and a lowercase one, that starts with one of `openers` run into a
//! capitalised word ("TheUnited"), or that runs a capitalised word into a title of the
//! `[people]` vocabulary ("TennesseeGovernor"). Real mixed-case names (`words`: iPhone, YouTube, easyJet …)
//! and name prefixes (`prefixes`: Mc, Mac …) are exceptions; so are URLs, handles and code
//! identifiers.
//!
//! With the language's embedded [`Lexicon`], two more forms are found:
//! - a lowercase token that is not a word of the language, occurs once in the document, and
//!   splits into two frequent words (Zipf ≥ 3), one of them a function word or both at least
//!   three letters long: "reportwas", "vélosélectriques", "enlos". The left part must not be a
//!   bound prefix (`prefixes`, lowercase: over, neuro …) or a combining form in -o; German
//!   compounds are words, so there a lowercase glue needs a function word on the right, and a
//!   capitalised noun may take one ("Wochefür");
//! - two capitalised words run together ("FairlightSystems") when the document also writes
//!   them apart ("Fairlight Systems"); brands written as one word (YouTube) never are.

use std::cell::OnceCell;

use aho_corasick::AhoCorasick;
use rustc_hash::{FxHashMap, FxHashSet};

use super::{Builder, Context};
use crate::document::{Span, TokenKind};
use crate::error::Error;
use crate::finding::Finding;
use crate::lexicon::Lexicon;
use crate::rules::Rule;

#[derive(Debug)]
pub struct Glued {
    allowed: FxHashSet<String>,
    prefixes: Vec<String>,
    openers: FxHashSet<String>,
    /// Right-hand parts that form closed compounds (maker, wide, based).
    compound_heads: FxHashSet<String>,
}

/// Byte offset inside `word` where a second word starts, if the token looks glued. Reads the
/// characters three at a time, without collecting them.
fn glue_point(word: &str, openers: &FxHashSet<String>) -> Option<usize> {
    let mut chars = word.char_indices();
    let (_, mut a) = chars.next()?;
    let first_upper = a.is_uppercase();
    let (mut j, mut b) = chars.next()?;
    let mut lower_run = 0usize;
    for (k, c) in chars {
        let (pa, pj, pb) = (a, j, b);
        (a, j, b) = (pb, k, c);
        if !pa.is_alphabetic() {
            lower_run = 0;
            continue;
        }
        if pa.is_lowercase() {
            lower_run += 1;
        }
        if pa.is_lowercase() && pb.is_uppercase() {
            if !first_upper && lower_run >= 2 && c.is_lowercase() {
                return Some(pj);
            }
            if first_upper && openers.contains(&word[..pj]) {
                return Some(pj);
            }
            return None;
        }
    }
    None
}

/// A token found glued at byte `at`; with `spaced`, only if the document also writes the two
/// words apart (the index of that spaced form among the ones looked for).
struct Candidate {
    span: Span,
    at: usize,
    spaced: Option<usize>,
}

impl Glued {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            allowed: Builder::set(&b.spec.words, false),
            prefixes: b.spec.prefixes.clone().unwrap_or_default(),
            openers: Builder::set(&b.spec.openers, false),
            compound_heads: Builder::set(&b.spec.phrases, true),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let text = cx.text();
        let counts = OnceCell::new();
        let mut candidates = Vec::new();
        // Spaced forms ("Fairlight Systems") to look for, each once, in one pass over the text.
        let mut spaced: FxHashMap<String, usize> = FxHashMap::default();
        // The lexicon's verdict on each lowercase word, once per distinct word.
        let mut memo: FxHashMap<&str, Option<usize>> = FxHashMap::default();
        let lexicon = Lexicon::get(cx.language);
        for t in cx.doc.tokens() {
            if t.kind != TokenKind::Word {
                continue;
            }
            let word = cx.tok(t);
            // Every form but the lexicon's needs a lowercase letter turning uppercase inside
            // the word, and the lexicon's needs its absence: most words are decided here.
            let camel = inner_upper(word);
            let found = if camel {
                glue_point(word, &self.openers).or_else(|| titled_glue(word, cx))
            } else {
                self.lexicon_glue(word, lexicon, cx, &counts, &mut memo)
            };
            if let Some(at) = found {
                candidates.push(Candidate {
                    span: t.span(),
                    at,
                    spaced: None,
                });
            } else if let Some(at) = camel.then(|| spaced_split(word)).flatten() {
                let form = format!("{} {}", &word[..at], &word[at..]);
                let n = spaced.len();
                let id = *spaced.entry(form).or_insert(n);
                candidates.push(Candidate {
                    span: t.span(),
                    at,
                    spaced: Some(id),
                });
            }
        }
        let written_apart = written_apart(text, &spaced);
        for c in candidates {
            if c.spaced.is_some_and(|id| !written_apart[id]) {
                continue;
            }
            let word = c.span.of(text);
            let base = word
                .strip_suffix("'s")
                .or_else(|| word.strip_suffix("’s"))
                .unwrap_or(word);
            if self.allowed.contains(base)
                || self
                    .prefixes
                    .iter()
                    .any(|p| super::is_capitalized(p) && base.starts_with(p.as_str()))
                || in_url_or_code(text, c.span)
            {
                continue;
            }
            let suggestion = format!("{} {}", &word[..c.at], &word[c.at..]);
            out.push(rule.finding(c.span, word).with_suggestion(Some(suggestion)));
        }
    }
}

/// Which of the `forms` (by index) occur anywhere in `text`: one pass for all of them, so the
/// check stays linear however many glued names a document has.
fn written_apart(text: &str, forms: &FxHashMap<String, usize>) -> Vec<bool> {
    let mut found = vec![false; forms.len()];
    if forms.is_empty() {
        return found;
    }
    let mut patterns: Vec<&str> = vec![""; forms.len()];
    for (form, &id) in forms {
        patterns[id] = form;
    }
    let Ok(ac) = AhoCorasick::new(&patterns) else {
        // Too many forms for one automaton: look for each on its own.
        for (id, p) in patterns.iter().enumerate() {
            found[id] = text.contains(p);
        }
        return found;
    };
    for m in ac.find_overlapping_iter(text) {
        found[m.pattern().as_usize()] = true;
    }
    found
}

/// Minimum Zipf frequency of each part of a glued token.
const PART_ZIPF: f32 = 3.0;

/// Distinct words whose lexicon verdict one run keeps.
const MEMO_WORDS: usize = 1 << 16;

impl Glued {
    /// A token that is not a word but splits into two frequent words.
    fn lexicon_glue<'a>(
        &self,
        word: &'a str,
        lexicon: Option<&Lexicon>,
        cx: &Context,
        counts: &OnceCell<FxHashMap<Box<str>, usize>>,
        memo: &mut FxHashMap<&'a str, Option<usize>>,
    ) -> Option<usize> {
        let lexicon = lexicon?;
        let g = &cx.seg.grammar;
        if word.is_ascii() {
            // The same tests as below, on bytes: most words are decided here.
            let bytes = word.as_bytes();
            if !(5..=40).contains(&bytes.len())
                || !bytes.iter().all(u8::is_ascii_alphabetic)
                || bytes[1..].iter().any(u8::is_ascii_uppercase)
                || bytes[0].is_ascii_uppercase() && !g.capitalised_nouns
            {
                return None;
            }
        } else {
            let letters = word.chars().count();
            if !(5..=40).contains(&letters) || !word.chars().all(char::is_alphabetic) {
                return None;
            }
            let capitalised = super::is_capitalized(word);
            if word.chars().skip(1).any(char::is_uppercase) || capitalised && !g.capitalised_nouns {
                return None; // a name, or a camel-cased token
            }
        }
        if let Some(&known) = memo.get(word) {
            return known;
        }
        let found = self.lexicon_split(word, cx, lexicon, counts);
        // Bounded: text of ever new words (a word list, random letters) gains nothing from
        // the memo, and an unbounded one only grows out of the cache.
        if memo.len() < MEMO_WORDS {
            memo.insert(word, found);
        }
        found
    }

    /// Where a token of letters that is not a word of `lexicon` splits into two words.
    fn lexicon_split(
        &self,
        word: &str,
        cx: &Context,
        lexicon: &Lexicon,
        counts: &OnceCell<FxHashMap<Box<str>, usize>>,
    ) -> Option<usize> {
        if lexicon.contains(word) {
            return None;
        }
        let g = &cx.seg.grammar;
        let lower = word.to_lowercase();
        let mut best: Option<(usize, f32)> = None;
        for (at, _) in word.char_indices().skip(2) {
            let (l, r) = (&lower[..at], &lower[at..]);
            if r.chars().count() < 2 {
                continue;
            }
            let (Some(zl), Some(zr)) = (lexicon.zipf(l), lexicon.zipf(r)) else {
                continue;
            };
            if zl < PART_ZIPF || zr < PART_ZIPF || self.prefixes.iter().any(|p| p == l) {
                continue;
            }
            let (fl, fr) = (g.is_function_word(l), g.is_function_word(r));
            // Two content words need five letters each: shorter pairs are often closed
            // compounds ("mouthpart", "blowflies", "drugmaker").
            let long = l.chars().count() >= 5 && r.chars().count() >= 5;
            if self.compound_heads.contains(r) {
                continue; // "drugmaker", "citywide": a closed compound
            }
            // A combining form ("neuro", "gastro") glues legitimately.
            let combining = l.ends_with('o') && l.chars().count() >= 4 && !fl;
            let ok = if g.capitalised_nouns {
                fr && !fl && r.chars().count() >= 3
            } else {
                (fl || fr || long) && !combining
            };
            if ok && best.is_none_or(|(_, z)| zl.min(zr) > z) {
                best = Some((at, zl.min(zr)));
            }
        }
        let (at, _) = best?;
        // An inflected form of a known word ("highballs", "suministradora"): the word less
        // up to three final letters is a word, and longer than the left part.
        let chars: Vec<(usize, char)> = lower.char_indices().collect();
        for k in 1..=3.min(chars.len().saturating_sub(1)) {
            let cut = chars[chars.len() - k].0;
            if cut > at + 1 && lexicon.zipf(&lower[..cut]).is_some_and(|z| z >= 2.0) {
                return None;
            }
        }
        // Occurs once: a word used again is the document's own term.
        let counts = counts.get_or_init(|| word_counts(cx));
        let count = counts
            .get(word.to_ascii_lowercase().as_str())
            .copied()
            .unwrap_or(0);
        (count == 1).then_some(at)
    }
}

/// How often each word token occurs, by its ASCII-lowercased form; built once per document,
/// when the first candidate needs it.
fn word_counts(cx: &Context) -> FxHashMap<Box<str>, usize> {
    let mut counts: FxHashMap<Box<str>, usize> = FxHashMap::default();
    let mut key = String::new();
    for t in cx.doc.tokens() {
        if t.kind != TokenKind::Word {
            continue;
        }
        key.clear();
        key.push_str(cx.tok(t));
        key.make_ascii_lowercase();
        match counts.get_mut(key.as_str()) {
            Some(n) => *n += 1,
            None => {
                counts.insert(key.as_str().into(), 1);
            }
        }
    }
    counts
}

/// Whether an uppercase letter follows the first character ("officePresident", "YouTube").
fn inner_upper(word: &str) -> bool {
    if word.is_ascii() {
        return word.bytes().skip(1).any(|b| b.is_ascii_uppercase());
    }
    word.chars().skip(1).any(char::is_uppercase)
}

/// Where two capitalised words run together would split ("FairlightSystems" at 9); such a
/// token is glued when the document also writes the two words apart.
fn spaced_split(word: &str) -> Option<usize> {
    if !super::is_capitalized(word) || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    if word.len() > 80 {
        return None;
    }
    let mut prev = ' ';
    let (at, _) = word.char_indices().find(|&(_, c)| {
        let turn = prev.is_lowercase() && c.is_uppercase();
        prev = c;
        turn
    })?;
    let (l, r) = (&word[..at], &word[at..]);
    if l.chars().count() < 3 || r.chars().count() < 3 || r.chars().skip(1).any(char::is_uppercase) {
        return None;
    }
    Some(at)
}

/// A capitalised word run into a title: "TennesseeGovernor", "MinistryPresident".
fn titled_glue(word: &str, cx: &Context) -> Option<usize> {
    let mut prev: Option<char> = None;
    for (i, c) in word.char_indices() {
        if let Some(p) = prev
            && p.is_lowercase()
            && c.is_uppercase()
        {
            let rest = &word[i..];
            let rest = rest
                .strip_suffix("'s")
                .or_else(|| rest.strip_suffix("’s"))
                .unwrap_or(rest);
            return (i >= 3 && cx.people.titles.contains_key(rest)).then_some(i);
        }
        prev = Some(c);
    }
    None
}

/// How far around a token to look for URL and code markers.
const CHUNK_LIMIT: usize = 256;

/// Whether the white-space-delimited chunk around `span` (up to [`CHUNK_LIMIT`] bytes each
/// way) looks like a URL, an address, a handle or a code identifier.
fn in_url_or_code(text: &str, span: Span) -> bool {
    let mut start = span.start;
    for (i, c) in text[..span.start].char_indices().rev() {
        if c.is_whitespace() || span.start - i > CHUNK_LIMIT {
            break;
        }
        start = i;
    }
    let mut end = span.end;
    for (i, c) in text[span.end..].char_indices() {
        if c.is_whitespace() || i > CHUNK_LIMIT {
            break;
        }
        end = span.end + i + c.len_utf8();
    }
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
