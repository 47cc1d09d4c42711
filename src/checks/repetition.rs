//! Repetition: a doubled word ("the the") and a sentence repeated verbatim.

use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use super::{Builder, Context, is_capitalized};
use crate::document::TokenKind;
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

/// `doubled-word`: the same word twice in a row, separated only by spaces or a line break.
/// Words that may be doubled (`words`, and `doubles` of the grammar: had, that, die, nous …),
/// repeated names ("Bora Bora") and a species word after a capitalised genus ("Rangifer
/// tarandus tarandus") are exceptions. In Japanese and Chinese, a particle of `phrases` written
/// twice ("をを", "的的"), and a chunk of three or more characters with a Han character repeated
/// at once ("方針だ方針だ"), are doubled; reduplicated words (人々, いろいろ) are shorter or kana
/// only.
#[derive(Debug)]
pub struct DoubledWord {
    allowed: FxHashSet<String>,
    particles: FxHashSet<String>,
}

impl DoubledWord {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            allowed: Builder::set(&b.spec.words, true),
            particles: Builder::set(&b.spec.phrases, false),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let text = cx.text();
        self.cjk(cx, rule, out);
        let toks = cx.doc.tokens();
        let bytes = text.as_bytes();
        for (k, w) in toks.windows(2).enumerate() {
            {
                let (a, b) = (&w[0], &w[1]);
                if a.kind != TokenKind::Word || b.kind != TokenKind::Word {
                    continue;
                }
                // Nearly all pairs differ in an ASCII first letter: decided on the bytes.
                let (sa, sb) = (a.span(), b.span());
                if let (Some(x), Some(y)) = (
                    bytes[sa.start..sa.end].first(),
                    bytes[sb.start..sb.end].first(),
                ) && x.is_ascii()
                    && y.is_ascii()
                    && !x.eq_ignore_ascii_case(y)
                {
                    continue;
                }
                let (wa, wb) = (cx.tok(a), cx.tok(b));
                if !same_word(wa, wb) {
                    continue;
                }
                let gap = &text[a.span().end..b.span().start];
                let lower = wb.to_lowercase();
                let genus = k > 0
                    && toks[k - 1].kind == TokenKind::Word
                    && is_capitalized(cx.tok(&toks[k - 1]))
                    && !cx.seg.grammar.is_function_word(cx.tok(&toks[k - 1]))
                    // A species epithet is a long content word, never "of of" after a name.
                    && !cx.seg.grammar.is_function_word(wa)
                    && wa.chars().count() >= 4;
                if gap.is_empty()
                    || !gap
                        .chars()
                        .all(|c| matches!(c, ' ' | '\u{a0}' | '\n' | '\r'))
                    || gap.matches('\n').count() > 1
                    || is_capitalized(wb)
                    || wa
                        .chars()
                        .next()
                        .is_some_and(crate::document::tokens::is_cjk)
                    || a.kind == TokenKind::Number
                    || self.allowed.contains(&lower)
                    || cx.seg.grammar.doubles.contains(&lower)
                    || genus
                {
                    continue;
                }
                let span = a.span().cover(b.span());
                out.push(
                    rule.finding(span, span.of(text))
                        .with_suggestion(Some(wa.to_string())),
                );
            }
        }
    }
}

impl DoubledWord {
    /// Doubled particles and repeated chunks in Japanese and Chinese text.
    fn cjk(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        use crate::document::tokens::is_cjk;
        let text = cx.text();
        for p in cx.doc.paragraphs() {
            let para = p.span.of(text);
            // A Han or kana character opens with one of these bytes in UTF-8 (U+3040–U+9FFF,
            // U+F900–U+FFFF, U+20000 and up); others, such as the E2 of quotes and dashes, can
            // be skipped without decoding.
            let maybe_cjk = para.bytes().any(|b| matches!(b, 0xE3..=0xE9 | 0xEF | 0xF0));
            if !maybe_cjk || !para.chars().any(is_cjk) {
                continue; // nothing to find without a Han or kana character
            }
            let chars: Vec<(usize, char)> = p
                .span
                .of(text)
                .char_indices()
                .map(|(i, c)| (p.span.start + i, c))
                .collect();
            let n = chars.len();
            let mut i = 0;
            while i + 1 < n {
                let c = chars[i].1;
                if !is_cjk(c) {
                    i += 1;
                    continue;
                }
                // A doubled particle.
                if chars[i + 1].1 == c
                    && self.particles.contains(c.to_string().as_str())
                    && (i == 0 || chars[i - 1].1 != c)
                    && chars.get(i + 2).is_none_or(|x| x.1 != c)
                {
                    let span =
                        crate::document::Span::new(chars[i].0, chars[i + 1].0 + c.len_utf8());
                    out.push(
                        rule.finding(span, span.of(text))
                            .with_suggestion(Some(c.to_string())),
                    );
                    i += 2;
                    continue;
                }
                // A repeated chunk of 3 to 12 characters with a Han character.
                let mut found = None;
                for len in (3..=12).rev() {
                    if i + 2 * len > n {
                        continue;
                    }
                    let a = &chars[i..i + len];
                    let b = &chars[i + len..i + 2 * len];
                    if a.iter().zip(b).all(|(x, y)| x.1 == y.1)
                        && a.iter().all(|x| is_cjk(x.1))
                        && a.iter().any(|x| !matches!(x.1 as u32, 0x3040..=0x30FF))
                    {
                        found = Some(len);
                        break;
                    }
                }
                if let Some(len) = found {
                    let start = chars[i + len].0;
                    let last = chars[i + 2 * len - 1];
                    let span = crate::document::Span::new(start, last.0 + last.1.len_utf8());
                    out.push(rule.finding(span, span.of(text)));
                    i += 2 * len;
                    continue;
                }
                i += 1;
            }
        }
    }
}

/// Whether two words are equal case aside (as their `to_lowercase` forms), without allocating
/// for ASCII words, which are nearly all.
fn same_word(a: &str, b: &str) -> bool {
    // Lowercasing maps an ASCII first letter to one ASCII letter: most pairs differ there.
    if let (Some(x), Some(y)) = (a.as_bytes().first(), b.as_bytes().first())
        && x.is_ascii()
        && y.is_ascii()
        && !x.eq_ignore_ascii_case(y)
    {
        return false;
    }
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    // `str::to_lowercase` is `char::to_lowercase` but for a final capital sigma.
    if a.contains('Σ') || b.contains('Σ') {
        return a.to_lowercase() == b.to_lowercase();
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// `repeated-sentence`: a sentence of at least `min` words that repeats an earlier one word for
/// word (case and spacing aside).
#[derive(Debug)]
pub struct RepeatedSentence {
    min_words: usize,
}

impl RepeatedSentence {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            min_words: b.spec.min.unwrap_or(6).max(1),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        // Sentences by the hash of their lowercased words; a hit is confirmed word by word
        // against the first sentence, so no sentence is copied and no word lowercased into a
        // string (but the rare non-ASCII ones).
        let sentences = cx.doc.sentences();
        let mut seen: FxHashMap<u64, usize> = FxHashMap::default();
        seen.reserve(sentences.len());
        let bytes = cx.text().as_bytes();
        // Numbers in the sentence before, counted in the same pass as its words.
        let mut numbers_before = 0usize;
        for (i, s) in sentences.iter().enumerate() {
            // The words are hashed as read, eight bytes at a time, each followed by its
            // length: no sentence is copied.
            let mut h = FxHasher::default();
            let mut words = 0usize;
            let mut numbers = 0usize;
            for t in cx.doc.sentence_tokens(s) {
                if t.kind == TokenKind::Punct {
                    continue;
                }
                words += 1;
                numbers += usize::from(t.kind == TokenKind::Number);
                let span = t.span();
                let w = &bytes[span.start..span.end];
                if w.is_ascii() {
                    hash_lowercase_ascii(&mut h, w);
                } else {
                    hash_lowercase_ascii(&mut h, cx.tok(t).to_lowercase().as_bytes());
                }
            }
            let before = std::mem::replace(&mut numbers_before, numbers);
            // The same fact stated twice in a row in other words: the sentence before has the
            // same numbers (two or more) and shares most of its characters.
            if i > 0 && before >= 2 && before == numbers && restated(cx, &sentences[i - 1], s) {
                let f = rule.finding(s.span, cx.doc.slice(s.span));
                let message = format!("{} (restates the sentence before)", f.message);
                out.push(f.with_message(message));
                continue;
            }
            if words < self.min_words {
                continue;
            }
            match seen.get(&h.finish()) {
                Some(&first) if same_words(cx, &sentences[first], s) => {
                    let start = sentences[first].span.start;
                    let (line, _) = cx.doc.lines().line_col(cx.text(), start);
                    let f = rule.finding(s.span, cx.doc.slice(s.span));
                    let message = format!("{} (first at line {line})", f.message);
                    out.push(f.with_message(message));
                }
                // A hash collision between different sentences (2^-64): the first one stays.
                Some(_) => {}
                None => {
                    seen.insert(h.finish(), i);
                }
            }
        }
    }
}

/// Feeds a word to the hasher with its ASCII capitals lowered (a lowercase form has none, so
/// any lowercase word may be given), eight bytes at a time, then its length: two sequences of
/// words feed the same values only if they are the same words.
fn hash_lowercase_ascii(h: &mut FxHasher, w: &[u8]) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    for chunk in w.chunks(8) {
        // Little-endian, zero-padded (built in a register: a copy through memory would stall).
        let x = match <[u8; 8]>::try_from(chunk) {
            Ok(full) => u64::from_le_bytes(full),
            Err(_) => chunk
                .iter()
                .rev()
                .fold(0u64, |acc, &b| acc << 8 | u64::from(b)),
        };
        // Per byte: high bit set where the (7-bit) byte is at least 'A', and where it is
        // past 'Z'; the difference marks the capitals, whose 0x20 bit is then set. No byte
        // carries into the next: the sums stay below 0x100 for bytes below 0x80.
        let low = x & (ONES * 0x7f);
        let at_least_a = low.wrapping_add(ONES * u64::from(0x80 - b'A'));
        let past_z = low.wrapping_add(ONES * u64::from(0x80 - b'Z' - 1));
        let capitals = at_least_a & !past_z & !x & (ONES * 0x80);
        h.write_u64(x | capitals >> 2);
    }
    h.write_u64(w.len() as u64 | 1 << 63);
}

/// Whether two sentences have the same words (punctuation aside), case aside.
fn same_words(cx: &Context, a: &crate::document::Sentence, b: &crate::document::Sentence) -> bool {
    let words = |s: &crate::document::Sentence| {
        cx.doc
            .sentence_tokens(s)
            .iter()
            .filter(|t| t.kind != TokenKind::Punct)
            .map(|t| cx.tok(t))
    };
    words(a).count() == words(b).count() && words(a).zip(words(b)).all(|(x, y)| same_word(x, y))
}

/// Whether `b` restates `a`: both carry the same two or more numbers, and their character
/// bigrams overlap (Dice coefficient at least 0.35).
fn restated(cx: &Context, a: &crate::document::Sentence, b: &crate::document::Sentence) -> bool {
    let numbers = |s: &crate::document::Sentence| {
        let mut v: Vec<&str> = cx
            .doc
            .sentence_tokens(s)
            .iter()
            .filter(|t| t.kind == TokenKind::Number)
            .map(|t| cx.tok(t))
            .collect();
        v.sort_unstable();
        v
    };
    // Most sentences carry fewer than two numbers: decided before collecting any.
    let count = |s: &crate::document::Sentence| {
        cx.doc
            .sentence_tokens(s)
            .iter()
            .filter(|t| t.kind == TokenKind::Number)
            .count()
    };
    let ca = count(a);
    if ca < 2 || ca != count(b) {
        return false;
    }
    let (na, nb) = (numbers(a), numbers(b));
    if na.len() < 2 || na != nb {
        return false;
    }
    let bigrams = |s: &crate::document::Sentence| {
        let chars: Vec<char> = cx
            .doc
            .slice(s.span)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        chars
            .windows(2)
            .map(|w| (w[0], w[1]))
            .collect::<FxHashSet<(char, char)>>()
    };
    let (ba, bb) = (bigrams(a), bigrams(b));
    if ba.is_empty() || bb.is_empty() {
        return false;
    }
    let shared = ba.intersection(&bb).count();
    let dice = 2.0 * shared as f64 / (ba.len() + bb.len()) as f64;
    dice >= 0.35
}

#[cfg(test)]
mod tests {
    use std::hash::Hasher;

    use rustc_hash::FxHasher;

    use super::hash_lowercase_ascii;

    fn hash(words: &[&[u8]]) -> u64 {
        let mut h = FxHasher::default();
        for w in words {
            hash_lowercase_ascii(&mut h, w);
        }
        h.finish()
    }

    #[test]
    fn ascii_capitals_are_lowered_and_nothing_else() {
        for b in 0u8..0x80 {
            let lower = b.to_ascii_lowercase();
            assert_eq!(hash(&[&[b]]), hash(&[&[lower]]), "byte {b:#x}");
            if lower != b {
                continue;
            }
            // A byte that is not a capital is kept: it differs from its neighbours.
            for other in [b.wrapping_sub(0x20), b ^ 0x20, b.wrapping_add(1)] {
                if other < 0x80 && other.to_ascii_lowercase() != b {
                    assert_ne!(hash(&[&[b]]), hash(&[&[other]]), "{b:#x} {other:#x}");
                }
            }
        }
        assert_eq!(
            hash(&[b"The", b"PORT", b"Reopened"]),
            hash(&[b"the", b"port", b"reopened"])
        );
        // Bytes of non-ASCII characters (in lowercase words) are kept as they are.
        assert_ne!(hash(&["é".as_bytes()]), hash(&["É".as_bytes()]));
    }

    #[test]
    fn word_boundaries_count() {
        assert_ne!(hash(&[b"ab", b"c"]), hash(&[b"a", b"bc"]));
        assert_ne!(hash(&[b"abcdefgh"]), hash(&[b"abcdefgh", b""]));
        assert_ne!(hash(&[b"abcdefghij"]), hash(&[b"abcdefgh", b"ij"]));
    }
}
