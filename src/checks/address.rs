//! Honorifics that belong to another language.
//!
//! - `leaked-honorific` (pair files): the source language's forms of address carried into the
//!   target: suffixes after a hyphen ("Tanaka-san", "Kim CEO-nim", "Han Mi-kyung-ssi"), words
//!   after a name ("Zhou Nushi"), and a given name with a patronymic used alone ("Andrei
//!   Viktorovich"). The vocabulary is the `[people]` data of the pair: `honorific-suffixes`,
//!   `ambiguous-suffixes` (also address parts, "Nagoya-shi": flagged only after a surname the
//!   article also gives with a given name), `honorific-words` and `patronymic-endings`.
//! - `foreign-honorific` (target files): an honorific of another language before a name
//!   ("Mr. Le Goff" in French, "Herr Weber" in English), from `foreign-honorifics`.
//!
//! Quoted speech is exempt: a speaker may use the form, and an article may cite it.

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Builder, Context, is_capitalized};
use crate::document::{Span, TokenKind};
use crate::entities::{fold, inside};
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

#[derive(Debug)]
pub struct LeakedHonorific;

#[derive(Debug)]
pub struct ForeignHonorific;

fn is_name_char(c: char) -> bool {
    c.is_alphabetic() || c == '-' || c == '\'' || c == '’'
}

impl LeakedHonorific {
    pub fn build(_: &mut Builder) -> Result<Self, Error> {
        Ok(Self)
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let people = cx.people;
        let ents = cx.entities();
        let text = cx.text();
        // Surnames the article gives with a given name ("Mariko Shinoda"): evidence that an
        // ambiguous suffix follows a person, not a city ("Nagoya-shi"). Built on the first
        // ambiguous suffix, not for every document.
        let mut persons: Option<FxHashSet<&str>> = None;
        let tokens = cx.doc.tokens();
        // Quoted speech is exempt; whether a token is quoted is asked only of the few that
        // would be flagged (a binary search per token was most of the check's time).
        let quoted = |t: &crate::document::Token| inside(&ents.quotes, t.span().start);
        for (k, t) in tokens.iter().enumerate() {
            if t.kind != TokenKind::Word {
                continue;
            }
            let word = cx.tok(t);
            // A suffix after a hyphen: the token is "Stem-suffix", possibly with a possessive.
            let bare = word
                .strip_suffix("'s")
                .or_else(|| word.strip_suffix("’s"))
                .unwrap_or(word);
            if let Some((stem, suffix)) = bare.rsplit_once('-')
                && stem.chars().next().is_some_and(char::is_uppercase)
                && stem.chars().all(is_name_char)
            {
                let sure = people.honorific_suffixes.contains(suffix);
                let maybe = !sure
                    && people.ambiguous_suffixes.contains(suffix)
                    && persons
                        .get_or_insert_with(|| {
                            ents.mentions
                                .iter()
                                .filter(|m| m.given_span.is_some())
                                .map(|m| ents.folded(m))
                                .collect()
                        })
                        .contains(fold(stem.rsplit(['-', ' ']).next().unwrap_or(stem)).as_str())
                    && !near_address(cx, k);
                if sure || maybe {
                    if quoted(t) {
                        continue;
                    }
                    let span = Span::new(t.span().start, t.span().start + bare.len());
                    out.push(
                        rule.finding(span, span.of(text))
                            .with_suggestion(Some(stem.to_string())),
                    );
                    continue;
                }
            }
            // A word after a name: "Zhou Nushi".
            if k > 0
                && tokens[k - 1].kind == TokenKind::Word
                && text[tokens[k - 1].span().end..t.span().start] == *" "
                && is_capitalized(cx.tok(&tokens[k - 1]))
                && people.honorific_words.contains(word)
                && !quoted(t)
            {
                let span = tokens[k - 1].span().cover(t.span());
                let name = cx.tok(&tokens[k - 1]).to_string();
                out.push(
                    rule.finding(span, span.of(text))
                        .with_suggestion(Some(name)),
                );
            }
        }
        // A given name and patronymic alone: "Andrei Viktorovich" where the article also names
        // Andrei with a surname, and never uses the patronymic alone as a surname.
        if people.patronymic_endings.is_empty() {
            return;
        }
        let bare_surnames: FxHashSet<&str> = ents
            .mentions
            .iter()
            .filter(|m| m.given_span.is_none())
            .map(|m| ents.folded(m))
            .collect();
        // Each given name with the folded surnames it is written with: the first, and whether
        // there is another (one look-up per mention, not a scan of all mentions).
        let mut given_surnames: FxHashMap<&str, (&str, bool)> = FxHashMap::default();
        for o in &ents.mentions {
            let Some(g) = o.given(text) else {
                continue;
            };
            let f = ents.folded(o);
            match given_surnames.get_mut(g) {
                Some((first, other)) => *other |= *first != f,
                None => {
                    given_surnames.insert(g, (f, false));
                }
            }
        }
        for m in &ents.mentions {
            let Some(given) = m.given(text) else { continue };
            let surname = m.surname(text);
            if m.in_quote
                || m.title.is_some()
                || m.honorific_span.is_some()
                || !people
                    .patronymic_endings
                    .iter()
                    .any(|e| surname.ends_with(e.as_str()) && surname.len() > e.len() + 1)
                || bare_surnames.contains(ents.folded(m))
            {
                continue;
            }
            // Only the two words: "Andrei Viktorovich Kuznetsov" is a full name.
            let Some(gs) = m.given_span else { continue };
            let between = &text[gs.end..m.surname_span.start];
            if between != " " {
                continue;
            }
            let named_otherwise = given_surnames
                .get(given)
                .is_some_and(|(first, other)| *other || *first != ents.folded(m));
            if named_otherwise {
                let span = gs.cover(m.surname_span);
                out.push(rule.finding(span, span.of(text)));
            }
        }
    }
}

impl ForeignHonorific {
    pub fn build(_: &mut Builder) -> Result<Self, Error> {
        Ok(Self)
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let people = cx.people;
        if people.foreign_honorifics.is_empty() {
            return;
        }
        let ents = cx.entities();
        let text = cx.text();
        let tokens = cx.doc.tokens();
        for (k, t) in tokens.iter().enumerate() {
            if t.kind != TokenKind::Word {
                continue;
            }
            let word = cx.tok(t);
            if !people.foreign_honorifics.contains(word) || inside(&ents.quotes, t.span().start) {
                continue;
            }
            // After a name it is something else: "John Smith Sr." (senior).
            if k > 0
                && tokens[k - 1].kind == TokenKind::Word
                && is_capitalized(cx.tok(&tokens[k - 1]))
                && text[tokens[k - 1].span().end..t.span().start]
                    .trim()
                    .is_empty()
            {
                continue;
            }
            // Then an optional period and a name.
            let mut j = k + 1;
            let mut end = t.span().end;
            if let Some(p) = tokens.get(j)
                && cx.tok(p) == "."
                && p.span().start == t.span().end
            {
                end = p.span().end;
                j += 1;
            }
            let Some(next) = tokens.get(j) else { continue };
            let gap = &text[end..next.span().start];
            let name = cx.tok(next);
            let cjk_name = name.chars().next().is_some_and(is_cjk);
            if next.kind != TokenKind::Word
                || !(gap == " " || gap == "\u{a0}" || (gap.is_empty() && cjk_name))
                || !(is_capitalized(name) || cjk_name)
            {
                continue;
            }
            let span = Span::new(t.span().start, end);
            out.push(rule.finding(span, span.of(text)));
        }
    }
}

/// Whether another token within `ADDRESS_WINDOW` of token `k` is an address part ("Naka-ku"),
/// as in "3-1-1 Sannomaru, Naka-ku, Nagoya-shi".
fn near_address(cx: &Context, k: usize) -> bool {
    let tokens = cx.doc.tokens();
    let lo = k.saturating_sub(ADDRESS_WINDOW);
    let hi = (k + ADDRESS_WINDOW + 1).min(tokens.len());
    (lo..hi).filter(|&j| j != k).any(|j| {
        let w = cx.tok(&tokens[j]);
        w.rsplit_once('-')
            .is_some_and(|(_, s)| cx.people.address_suffixes.contains(s))
    })
}

/// Tokens looked at on each side of an ambiguous suffix for an address.
const ADDRESS_WINDOW: usize = 4;

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF)
}
