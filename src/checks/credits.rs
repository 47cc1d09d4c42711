//! `credit-line`: a photo caption credit pasted into the body.
//!
//! The last, unterminated stretch of a paragraph is a credit when it is short, is written as a
//! name (every word capitalised, but for connectors such as "via" and the words of agency names
//! written in lowercase, such as "dpa"), and either ends with an agency
//! or picture-desk name from `words` ("… the alliance. AP", "Press Service/AFP (via Getty
//! Images)") or opens with a marker from `phrases` ("Photo:", "Photo by"). A dateline such as
//! "LONDON (Reuters) -" opens a paragraph and a sentence citing Reuters ends with a full stop, so
//! neither is a credit. A paragraph that opens with a caption label the publisher set
//! (`openers`: "Caption:", "Légende :", "Bildunterschrift:", "写真：") is furniture, credit
//! included, and raises nothing.

use rustc_hash::FxHashSet;

use super::{Builder, Context, is_capitalized};
use crate::document::{Span, TokenKind};
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

const CONNECTORS: &[&str] = &[
    "via", "by", "for", "and", "of", "de", "da", "del", "von", "van", "der", "le", "la", "photo",
    "photos", "file", "images", "courtesy",
];

/// The lowercase of `text`, as `str::to_lowercase` gives it, into `buf`, cut after at least
/// `len` bytes (whole characters) where there are that many: enough to tell whether the text
/// starts with a lowercase needle of at most `len` bytes without lowercasing all of it.
fn lower_prefix(text: &str, len: usize, buf: &mut String) {
    buf.clear();
    for c in text.chars() {
        if buf.len() >= len {
            return;
        }
        if c.is_ascii() {
            buf.push(c.to_ascii_lowercase());
            continue;
        }
        if c == 'Σ' {
            // A capital sigma's lowercase depends on what follows it: all of it, as std does.
            buf.clear();
            buf.push_str(&text.to_lowercase());
            return;
        }
        buf.extend(c.to_lowercase());
    }
}

/// The first bytes of a list of lowercase needles: a text whose lowercase starts with none of
/// them starts with no needle, and most sentences are told apart by their first letter.
#[derive(Debug)]
struct FirstBytes {
    /// A bit per byte value.
    first: [u64; 4],
    /// An empty needle: every text starts with it.
    empty: bool,
}

impl FirstBytes {
    fn new(needles: &[String]) -> Self {
        let mut first = [0; 4];
        let mut empty = false;
        for n in needles {
            match n.as_bytes().first() {
                Some(&b) => first[usize::from(b >> 6)] |= 1 << (b & 63),
                None => empty = true,
            }
        }
        Self { first, empty }
    }

    /// Whether the lowercase of `text` may start with one of the needles. An ASCII first
    /// letter lowercases to one byte; any other may lowercase to anything.
    fn may_start(&self, text: &str) -> bool {
        match text.as_bytes().first() {
            _ if self.empty => true,
            None => false,
            Some(&b) if b.is_ascii() => {
                let b = b.to_ascii_lowercase();
                self.first[usize::from(b >> 6)] & (1 << (b & 63)) != 0
            }
            Some(_) => true,
        }
    }
}

#[derive(Debug)]
pub struct Credit {
    agencies: Vec<String>,
    /// The agencies in capitals ("REUTERS"), in the same order.
    agencies_upper: Vec<String>,
    markers: Vec<String>,
    /// The first bytes of the markers and of the caption labels.
    marker_starts: FirstBytes,
    caption_starts: FirstBytes,
    /// The longest marker and caption label, in bytes.
    marker_len: usize,
    caption_len: usize,
    max_words: usize,
    /// Caption labels, lowercase: a paragraph opening with one is furniture.
    captions: Vec<String>,
    connectors: FxHashSet<&'static str>,
    /// The words of the agency names, allowed in lowercase ("dpa", "picture alliance").
    agency_words: FxHashSet<String>,
    /// The same words in capitals.
    agency_words_upper: FxHashSet<String>,
}

impl Credit {
    /// A terminated sentence that is only a credit: a marker ("Photo:", "Foto:", "Photo by"),
    /// then at most six words, every one written as a name or an agency.
    fn closed_credit(
        &self,
        cx: &Context,
        s: &crate::document::Sentence,
        lower: &mut String,
    ) -> Option<Span> {
        let text = cx.doc.slice(s.span);
        if !self.marker_starts.may_start(text) {
            return None;
        }
        lower_prefix(text, self.marker_len, lower);
        let marker = self
            .markers
            .iter()
            .filter(|m| m.chars().any(char::is_alphabetic))
            .find(|m| lower.starts_with(m.as_str()))?;
        let rest = text.get(marker.len()..)?.trim_end_matches(['.', ' ']);
        let words: Vec<&str> = rest
            .split(|c: char| c.is_whitespace() || c == '/' || c == ',')
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .collect();
        // "Foto von der Eröffnung.": an article makes a noun phrase of the words after it.
        let g = &cx.seg.grammar;
        let named = !words.is_empty()
            && words.len() <= 6
            && !words.iter().any(|w| g.articles.contains(*w))
            && words.iter().all(|w| {
                is_capitalized(w)
                    || self.agency_words.contains(*w)
                    || self.connectors.contains(w.to_lowercase().as_str())
            });
        named.then_some(s.span)
    }

    /// The bracketed credit that closes the unterminated `stretch`, if any: "(Provided by …)",
    /// "(Photo: …)", "[Yonhap]".
    fn bracketed_credit(&self, cx: &Context, stretch: Span) -> Option<Span> {
        let text = cx.doc.slice(stretch);
        let trimmed = text.trim_end();
        let close = trimmed.chars().next_back()?;
        let open = match close {
            ')' => '(',
            ']' => '[',
            '）' => '（',
            '］' => '［',
            _ => return None,
        };
        let start = trimmed.rfind(open)?;
        let inner = &trimmed[start + open.len_utf8()..trimmed.len() - close.len_utf8()];
        let words = inner.split_whitespace().count();
        if start == 0 || words == 0 || words > self.max_words {
            return None;
        }
        let lower = inner.to_lowercase();
        let bracketed = format!("{open}{lower}");
        let marker = self
            .markers
            .iter()
            .any(|m| lower.starts_with(m.as_str()) || bracketed.starts_with(m.as_str()));
        let agency = self
            .agencies
            .iter()
            .zip(&self.agencies_upper)
            .any(|(a, upper)| inner == a || inner == upper);
        (marker || agency).then(|| {
            let from = stretch.start + start;
            Span::new(from, stretch.start + trimmed.len())
        })
    }

    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        let agencies = b.required(&b.spec.words, "words")?.to_vec();
        let agency_words: FxHashSet<String> = agencies
            .iter()
            .flat_map(|a| a.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        let markers = Builder::lowered(&b.spec.phrases);
        let captions = Builder::lowered(&b.spec.openers);
        Ok(Self {
            agency_words_upper: agency_words.iter().map(|w| w.to_uppercase()).collect(),
            agency_words,
            agencies_upper: agencies.iter().map(|a| a.to_uppercase()).collect(),
            agencies,
            marker_starts: FirstBytes::new(&markers),
            caption_starts: FirstBytes::new(&captions),
            marker_len: markers.iter().map(String::len).max().unwrap_or(0),
            caption_len: captions.iter().map(String::len).max().unwrap_or(0),
            markers,
            max_words: b.spec.max.unwrap_or(10),
            captions,
            connectors: CONNECTORS.iter().copied().collect(),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        // The lowercase openings of paragraphs and sentences, one buffer for all.
        let mut lower = String::new();
        for p in cx.doc.paragraphs() {
            let Some(last) = cx.doc.paragraph_sentences(p).last() else {
                continue;
            };
            // Brackets have no case: strip them before lowercasing.
            let opening = cx
                .doc
                .slice(p.span)
                .trim_start_matches(['[', '(', '［', '【', '(']);
            if self.caption_starts.may_start(opening) {
                lower_prefix(opening, self.caption_len, &mut lower);
                if self.captions.iter().any(|c| lower.starts_with(c.as_str())) {
                    continue;
                }
            }
            // A credit closed with a full stop ("Photo: Kim Jae-won."), anywhere in the
            // paragraph: it opens with a marker and names nobody but the credited.
            for s in cx.doc.paragraph_sentences(p) {
                if !s.terminated {
                    continue;
                }
                if let Some(span) = self.closed_credit(cx, s, &mut lower) {
                    out.push(rule.finding(span, cx.doc.slice(span)));
                }
            }
            if last.terminated {
                continue;
            }
            let mut tokens = cx.doc.sentence_tokens(last);
            // "… aus. dpa": a lowercase credit does not start a sentence of its own, so take
            // what follows the last full stop inside the stretch.
            if let Some(k) = tokens.iter().rposition(|t| {
                t.kind == TokenKind::Punct && matches!(cx.tok(t), "." | "!" | "?" | "…")
            }) && k + 1 < tokens.len()
                && tokens[k + 1].span().start > tokens[k].span().end
            {
                tokens = &tokens[k + 1..];
            }
            let (Some(first), Some(end)) = (tokens.first(), tokens.last()) else {
                continue;
            };
            let stretch = first.span().cover(end.span());
            let words: Vec<&str> = tokens
                .iter()
                .filter(|t| t.kind != TokenKind::Punct)
                .map(|t| cx.tok(t))
                .collect();
            if words.is_empty() {
                continue;
            }
            if words.len() > self.max_words {
                // A caption with its credit in brackets at the end: "Staff check records in
                // October (Provided by the hospital)". The paragraph has no terminator, so it
                // is a caption, and the bracket opens with a credit marker or is an agency.
                if let Some(span) = self.bracketed_credit(cx, stretch) {
                    out.push(rule.finding(span, cx.doc.slice(span)));
                }
                continue;
            }
            let text = cx.doc.slice(stretch);
            let marker = self.marker_starts.may_start(text) && {
                lower_prefix(text, self.marker_len, &mut lower);
                self.markers.iter().any(|m| lower.starts_with(m.as_str()))
            };
            // A credit in brackets ("[NEWSIS]", "(Kyodo)") and an agency in capitals
            // ("REUTERS", "YONHAP") are the same credit.
            let core = text.trim_end_matches(|c: char| {
                matches!(c, ')' | ']' | '）' | '］' | '】') || c.is_whitespace()
            });
            let agency = self
                .agencies
                .iter()
                .zip(&self.agencies_upper)
                .any(|(a, upper)| {
                    core.strip_suffix(a.as_str())
                        .or_else(|| core.strip_suffix(upper.as_str()))
                        .is_some_and(|rest| {
                            rest.chars()
                                .next_back()
                                .is_none_or(|c| !c.is_alphanumeric())
                        })
                });
            // "REUTERS/Park Jun-ho", "(Xinhua/Li Ming)": the agency, a slash, the photographer.
            let opening = text.trim_start_matches(['(', '[']);
            let agency_first = self.agencies.iter().any(|a| {
                opening.len() > a.len()
                    && opening.is_char_boundary(a.len())
                    && opening[..a.len()].eq_ignore_ascii_case(a)
                    && opening[a.len()..].trim_start().starts_with('/')
            });
            let name_like = words.iter().all(|w| {
                is_capitalized(w)
                    || self.agency_words_upper.contains(*w)
                    || self.agency_words.iter().any(|a| a.eq_ignore_ascii_case(w))
                    || self.connectors.contains(w.to_lowercase().as_str())
                    || self.agency_words.contains(*w)
            });
            // "Stadt Kornstetten/Marc Weber", "Ouest Images / Loïc Berthou": names on both
            // sides of a slash, after a sentence of the same paragraph (a caption and its credit).
            let after_sentence = cx.doc.paragraph_sentences(p).len() > 1
                || tokens.as_ptr() != cx.doc.sentence_tokens(last).as_ptr();
            let slashed = name_like
                && after_sentence
                && words.len() <= 8
                && text.split('/').filter(|x| !x.trim().is_empty()).count() >= 2;
            // "Yonhap file photo", "AP Photo": an agency and a picture word.
            let picture = words.iter().any(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "photo" | "photos" | "image" | "images" | "foto" | "bild"
                )
            }) && self
                .agencies
                .iter()
                .zip(&self.agencies_upper)
                .any(|(a, upper)| {
                    text.split(|c: char| !c.is_alphanumeric() && c != '-')
                        .any(|w| w == a || w == upper)
                });
            if ((agency || agency_first || slashed || picture) && name_like)
                || (marker && words.len() > 1)
            {
                out.push(rule.finding(stretch, text));
            }
        }
    }
}
