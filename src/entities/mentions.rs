//! Person mentions: an optional past modifier, title and honorific, then a run of capitalised
//! name tokens ("former President Donald Trump", "Mr. Rutte's", "Ursula von der Leyen").

use rustc_hash::{FxHashMap, FxHashSet};

use super::quotes::inside;
use super::{PeopleVocab, class, with_lower};
use crate::document::tokens::capitalize;
use crate::document::{Document, Span, Token, TokenKind};

/// One mention of a (possible) person. Compact: the names are spans of the text (read them
/// with [`Mention::surname`], [`Mention::given`], [`Mention::honorific`]) and the title an
/// index into [`super::Entities::titles`], so a mention owns no heap memory.
#[derive(Clone, Debug)]
pub struct Mention {
    /// From the modifier, title or honorific to the end of the name (a possessive excluded).
    pub span: Span,
    /// The surname as written, without a possessive ending.
    pub surname_span: Span,
    /// The first name token, when the name has two or more.
    pub given_span: Option<Span>,
    /// Tokens of the names between the given name and the surname ("Shunsuke" in "Forward
    /// Shunsuke Hanaoka", where a role word at sentence start reads as a given name): the
    /// first `middle_len` of `middle`.
    pub middle: [u32; 2],
    pub middle_len: u8,
    pub honorific_span: Option<Span>,
    /// The title as written in the vocabulary ("Prime Minister"), as an index into
    /// [`super::Entities::titles`]: equal indices are equal titles.
    pub title: Option<u32>,
    pub title_span: Option<Span>,
    /// Whether a past modifier ("former", "ex-", "late") precedes the title.
    pub past: bool,
    pub in_quote: bool,
    /// Preceded by a determiner: "the Trump administration".
    pub attributive: bool,
    pub sentence: usize,
    /// Index of the first and last token of the mention in the document.
    pub first_token: usize,
    pub last_token: usize,
    /// Index of the folded surname in [`super::Entities::keys`] (set by the analysis).
    pub key: u32,
}

impl Mention {
    /// A surname alone, with no title, honorific or given name.
    pub fn is_bare(&self) -> bool {
        self.title.is_none() && self.honorific_span.is_none() && self.given_span.is_none()
    }

    /// The surname as written, without a possessive ending.
    pub fn surname<'t>(&self, text: &'t str) -> &'t str {
        self.surname_span.of(text)
    }

    /// The given name, when the name has two or more tokens.
    pub fn given<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.given_span.map(|s| s.of(text))
    }

    /// The honorific as written ("Mr"), without its period.
    pub fn honorific<'t>(&self, text: &'t str) -> Option<&'t str> {
        self.honorific_span.map(|s| s.of(text))
    }

    /// Token indices of the middle names.
    pub fn middle(&self) -> &[u32] {
        &self.middle[..usize::from(self.middle_len)]
    }
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

struct Scan<'d, 'a> {
    doc: &'d Document<'a>,
    toks: &'d [Token],
    vocab: &'d PeopleVocab,
    /// Words the document writes in lowercase: common words, not given names.
    lower_words: &'d FxHashSet<&'a str>,
    /// Index of the first word token of the sentence (`toks.len()` when none): a token at or
    /// before it opens the sentence.
    first_word: usize,
    /// The class bits of the sentence's tokens.
    classes: &'d [u16],
}

/// A sentence-initial word at least this long that the document also writes in lowercase is
/// a common word ("Forward Shunsuke Hanaoka" beside "the forward"); shorter ones may be given
/// names that are also words ("Will", "Grace").
const MIN_COMMON_OPENER: usize = 6;

/// A title found at a token: tokens used, its span, its text, whether a prefix made it past.
struct TitleHit<'v> {
    len: usize,
    span: Span,
    /// The title's words in the vocabulary ("Prime", "Minister").
    words: &'v [String],
    past: bool,
}

impl<'d> Scan<'d, '_> {
    fn text(&self, k: usize) -> &str {
        self.toks[k].span().of(self.doc.text())
    }

    fn is_word(&self, k: usize) -> bool {
        self.toks.get(k).is_some_and(|t| t.kind == TokenKind::Word)
    }

    /// Only white space on one line between tokens `k` and `k + 1`.
    fn joined(&self, k: usize) -> bool {
        let (a, b) = (self.toks[k].span().end, self.toks[k + 1].span().start);
        let gap = &self.doc.text()[a..b];
        !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}')
    }

    /// A title starting at token `k`, possibly inside it after "ex-" or glued to a word.
    fn title_at(&self, k: usize) -> Option<TitleHit<'d>> {
        self.title_at_case(k, false)
    }

    /// A title at `k`; with `any_case`, also written in lowercase ("former president Donald
    /// Trump"), which is only trusted after a past modifier.
    fn title_at_case(&self, k: usize, any_case: bool) -> Option<TitleHit<'d>> {
        if !self.is_word(k) {
            return None;
        }
        let first = self.text(k);
        // Where the title may start inside the first token, and whether that makes it past,
        // tried in this order: the token itself, after a hyphenated modifier ("ex-President"),
        // after a modifier written into the word (Spanish "expresidente"), after a glue point.
        // The token itself is looked up only when its class says it may be a title word.
        if self.classes[k] & class::TITLE_WORD != 0
            && let Some(hit) = self.title_from(k, 0, false, any_case)
        {
            return Some(hit);
        }
        if let Some((pre, _)) = first.split_once('-')
            && with_lower(pre, |p| self.vocab.past_modifiers.contains(p))
            && let Some(hit) = self.title_from(k, pre.len() + 1, true, any_case)
        {
            return Some(hit);
        }
        let inner = (self.classes[k] & class::MODIFIER_INITIAL != 0)
            .then(|| {
                with_lower(first, |lower| {
                    self.vocab
                        .past_modifiers
                        .iter()
                        .filter(|m| {
                            lower.len() > m.len() + 2
                                && lower.starts_with(m.as_str())
                                && first.is_char_boundary(m.len())
                        })
                        .find_map(|m| self.title_from(k, m.len(), true, any_case))
                })
            })
            .flatten();
        if inner.is_some() {
            return inner;
        }
        glue_point(first).and_then(|at| self.title_from(k, at, false, any_case))
    }

    /// A title starting `offset` bytes into token `k`.
    fn title_from(
        &self,
        k: usize,
        offset: usize,
        past: bool,
        any_case: bool,
    ) -> Option<TitleHit<'d>> {
        let first = self.text(k);
        let tok = self.toks[k].span();
        {
            let word = &first[offset..];
            // After a modifier in the word ("ex-coach") the title may be lowercase too.
            let any_case = any_case || past;
            let capitalised = if any_case {
                capitalize(word)
            } else {
                String::new()
            };
            let candidates = self
                .vocab
                .titles
                .get(word)
                .or_else(|| self.vocab.titles.get(strip_possessive(word)))
                .or_else(|| {
                    any_case
                        .then(|| self.vocab.titles.get(&capitalised))
                        .flatten()
                });
            for title in candidates.into_iter().flatten() {
                let rest_ok = title[1..].iter().enumerate().all(|(n, w)| {
                    let kk = k + 1 + n;
                    kk < self.toks.len()
                        && self.joined(kk - 1)
                        && (self.text(kk) == w
                            || (any_case && self.text(kk).eq_ignore_ascii_case(w)))
                });
                if rest_ok {
                    let last = k + title.len() - 1;
                    return Some(TitleHit {
                        len: title.len(),
                        span: Span::new(tok.start + offset, self.toks[last].span().end),
                        words: title,
                        past,
                    });
                }
            }
        }
        None
    }

    fn is_name_token(&self, k: usize) -> bool {
        if !self.is_word(k) {
            return false;
        }
        let w = strip_possessive(self.text(k));
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().any(char::is_lowercase)
            && !self.vocab.not_names.contains(w)
            && !self.vocab.honorifics.contains(w)
            && !self.vocab.honorific_words.contains(w)
            && self.title_at(k).is_none()
    }

    /// Name tokens from `k`: capitalised words, lowercase particles between them, initials.
    fn name_run(&self, k: usize) -> Vec<usize> {
        let mut names = Vec::new();
        let mut j = k;
        while j < self.toks.len() && names.len() < 4 {
            let w = self.text(j);
            // A capitalised role word before a name is not part of it: "General Manager Zhou".
            // No word before `j` in the sentence (known once per sentence, not rescanned).
            let opener = j <= self.first_word;
            let role_like = self.classes[j] & (class::ROLE_NOUN | class::RANK_WORD) != 0
                || (opener
                    && w.chars().count() >= MIN_COMMON_OPENER
                    && with_lower(w, |lower| self.lower_words.contains(lower)));
            if names.is_empty()
                && role_like
                && j + 1 < self.toks.len()
                && self.joined(j)
                && self.is_name_token(j + 1)
            {
                j += 1;
                continue;
            }
            if self.is_name_token(j) {
                names.push(j);
                if strip_possessive(w) != w || j + 1 >= self.toks.len() || !self.joined(j) {
                    break;
                }
                j += 1;
                continue;
            }
            let more = j + 1 < self.toks.len() && self.joined(j);
            if !names.is_empty() && self.is_word(j) && self.vocab.particles.contains(w) && more {
                j += 1;
                continue;
            }
            // An initial ("J.") before more of the name.
            let initial = w.chars().count() == 1 && w.chars().all(char::is_uppercase);
            if initial
                && j + 2 < self.toks.len()
                && self.text(j + 1) == "."
                && self.toks[j + 1].span().start == self.toks[j].span().end
                && self.joined(j + 1)
            {
                j += 2;
                continue;
            }
            break;
        }
        names
    }
}

/// Byte offset where a glued second word starts ("officePresident" → 6).
fn glue_point(word: &str) -> Option<usize> {
    // In ASCII the second word starts with an uppercase byte at offset 2 or later: most words
    // have none and are not decoded.
    if word.is_ascii() && !word.bytes().skip(2).any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let mut prev: Option<char> = None;
    for (i, c) in word.char_indices() {
        if let Some(p) = prev
            && p.is_lowercase()
            && c.is_uppercase()
            && i >= 2
        {
            return Some(i);
        }
        prev = Some(c);
    }
    None
}

/// The sentence openers (the tokens up to a sentence's first word) of `MIN_COMMON_OPENER`
/// characters or more, lowercased, that the document also writes as a word in lowercase: the
/// only look-ups `Scan::name_run` makes. The openers are collected first and the other words
/// only looked up in them, so no set of all the document's words is built.
fn lower_openers<'a>(doc: &Document<'a>) -> FxHashSet<&'a str> {
    let text = doc.text();
    let tokens = doc.tokens();
    let mut openers: FxHashSet<String> = FxHashSet::default();
    for s in doc.sentences() {
        let toks = doc.sentence_tokens(s);
        let first_word = toks
            .iter()
            .position(|t| t.kind == TokenKind::Word)
            .unwrap_or(toks.len());
        for t in toks.iter().take(first_word + 1) {
            let w = t.span().of(text);
            if w.chars().count() >= MIN_COMMON_OPENER {
                with_lower(w, |lower| {
                    if !openers.contains(lower) {
                        openers.insert(lower.to_string());
                    }
                });
            }
        }
    }
    let mut found: FxHashSet<&'a str> = FxHashSet::default();
    if openers.is_empty() {
        return found;
    }
    for t in tokens.iter().filter(|t| t.kind == TokenKind::Word) {
        let w = t.span().of(text);
        // Only words written in lowercase; an opener's lowercase form is at least
        // `MIN_COMMON_OPENER` bytes.
        if w.len() >= MIN_COMMON_OPENER
            && w.chars().next().is_some_and(char::is_lowercase)
            && openers.contains(w)
        {
            found.insert(w);
        }
    }
    found
}

/// All mentions of the document, in order.
pub fn find(
    doc: &Document,
    vocab: &PeopleVocab,
    quotes: &[Span],
    classes: &[u16],
    titles: &mut Vec<String>,
) -> Vec<Mention> {
    let mut out = Vec::new();
    // Titles seen so far, by their text: each mention keeps an index into `titles`.
    let mut title_ids: FxHashMap<&[String], u32> = FxHashMap::default();
    let lower_words = lower_openers(doc);
    for (si, s) in doc.sentences().iter().enumerate() {
        let toks = doc.sentence_tokens(s);
        let scan = Scan {
            doc,
            toks,
            vocab,
            lower_words: &lower_words,
            first_word: toks
                .iter()
                .position(|t| t.kind == TokenKind::Word)
                .unwrap_or(toks.len()),
            classes: &classes[s.tokens.clone()],
        };
        let base = s.tokens.start;
        let mut i = 0;
        while i < toks.len() {
            let mut j = i;
            let mut past = false;
            let mut start: Option<Span> = None;
            let mut title = None;
            if scan.is_word(j) && scan.classes[j] & class::PAST_MODIFIER != 0 {
                // Up to three capitalised words between: "former South Korean President".
                let mut k = j + 1;
                while k < toks.len() && k <= j + 3 && scan.title_at_case(k, true).is_none() {
                    let w = scan.text(k);
                    let adjective = scan.is_word(k)
                        && w.chars().next().is_some_and(char::is_uppercase)
                        && k + 1 < toks.len()
                        && (scan.joined(k) || scan.text(k + 1) == ".");
                    if !adjective {
                        break;
                    }
                    k += if scan.text(k + 1) == "." { 2 } else { 1 };
                }
                if let Some(t) = scan.title_at_case(k, true) {
                    past = true;
                    start = Some(toks[j].span());
                    j = k;
                    title = Some(t);
                }
            }
            if title.is_none() {
                title = scan.title_at(j);
            }
            if let Some(t) = &mut title {
                past |= t.past;
                // "ex-President": the mention starts with the token, modifier included.
                let from = if t.past {
                    toks[j].span().start
                } else {
                    t.span.start
                };
                start.get_or_insert(Span::new(from, t.span.end));
                j += t.len;
                // An abbreviated title: "Gov. Reilly", "Sen. Moss".
                if j < toks.len() && scan.text(j) == "." && toks[j].span().start == t.span.end {
                    t.span.end = toks[j].span().end;
                    j += 1;
                }
            }
            let mut honorific = None;
            if scan.is_word(j)
                && scan.classes[j] & class::HONORIFIC != 0
                && vocab.honorifics.contains(scan.text(j))
            {
                honorific = Some(toks[j].span());
                start.get_or_insert(toks[j].span());
                j += 1;
                if j < toks.len()
                    && scan.text(j) == "."
                    && toks[j].span().start == toks[j - 1].span().end
                {
                    j += 1;
                }
            }
            let names = if j < toks.len() {
                scan.name_run(j)
            } else {
                Vec::new()
            };
            let (Some(&first), Some(&last)) = (names.first(), names.last()) else {
                i = if j > i && title.is_some() { j } else { i + 1 };
                continue;
            };
            let surname = strip_possessive(scan.text(last));
            let surname_span = Span::new(
                toks[last].span().start,
                toks[last].span().start + surname.len(),
            );
            let given_span = (names.len() >= 2).then_some(toks[first].span());
            // A run has at most four names: at most two between the first and the last.
            let mut middle = [0u32; 2];
            let mut middle_len = 0u8;
            if names.len() > 2 {
                for &k in &names[1..names.len() - 1] {
                    if let (Some(slot), Ok(k)) = (
                        middle.get_mut(usize::from(middle_len)),
                        u32::try_from(base + k),
                    ) {
                        *slot = k;
                        middle_len += 1;
                    }
                }
            }
            let span = start.unwrap_or(toks[first].span()).cover(surname_span);
            let attributive = start.is_none()
                && first > 0
                && scan.is_word(first - 1)
                && with_lower(scan.text(first - 1), |w| {
                    matches!(w, "the" | "a" | "an" | "this" | "that")
                });
            let title_id = title.as_ref().map(|t| {
                *title_ids.entry(t.words).or_insert_with(|| {
                    titles.push(t.words.join(" "));
                    u32::try_from(titles.len() - 1).unwrap_or(u32::MAX)
                })
            });
            out.push(Mention {
                span,
                surname_span,
                given_span,
                middle,
                middle_len,
                honorific_span: honorific,
                title: title_id,
                title_span: title.map(|t| t.span),
                past,
                in_quote: inside(quotes, span.start),
                sentence: si,
                first_token: base + i,
                last_token: base + last,
                attributive,
                key: 0,
            });
            i = last + 1;
        }
    }
    out
}
