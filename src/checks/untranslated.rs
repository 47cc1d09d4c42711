//! `untranslated`: a paragraph or sentence whose language is confidently not the target (a
//! German sentence left in an English article). Only text of at least `min` words (default 6)
//! is judged, whatlang's confidence must reach `ratio` (default 0.3), and text in which at
//! least a third of the words are common words of the target (`words`) counts as the target
//! language, so names, titles, short quotes and loanwords do not fire. Where the embedded
//! lexicons allow, the words must also support the detected language (see
//! `positive_evidence`). (whatlang's confidence is the margin between
//! its two best guesses: a clear French sentence may score 0.4 against Italian.)

use rustc_hash::FxHashSet;

use super::{Builder, Context};
use crate::document::{Span, Token, TokenKind};
use crate::error::Error;
use crate::finding::Finding;
use crate::lang;
use crate::lexicon::WordSet;
use crate::rules::Rule;

#[derive(Debug)]
pub struct Untranslated {
    min_words: usize,
    min_confidence: f64,
    function_words: WordSet,
}

impl Untranslated {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        let ratio = b.spec.ratio.unwrap_or(0.3);
        if !(0.0..=1.0).contains(&ratio) {
            return Err(b.error("`ratio` must be between 0 and 1"));
        }
        Ok(Self {
            min_words: b.spec.min.unwrap_or(6).max(1),
            min_confidence: ratio,
            function_words: WordSet::new(b.spec.words.iter().flatten()),
        })
    }

    /// How many word tokens `tokens` has, and how many of them are common words of the target
    /// (`words`, looked up in place without regard to case).
    fn tally(&self, cx: &Context, tokens: &[Token]) -> (usize, usize) {
        let (mut words, mut native) = (0, 0);
        for t in tokens.iter().filter(|t| t.kind == TokenKind::Word) {
            words += 1;
            if self.function_words.contains(cx.tok(t)) {
                native += 1;
            }
        }
        (words, native)
    }

    /// The language the text of `tokens` is confidently written in, when it is not the target;
    /// `words` and `native` are its [`Untranslated::tally`]. Detection runs only on the rare
    /// text that few common target words and the lexicons leave in doubt.
    fn foreign(
        &self,
        cx: &Context,
        tokens: &[Token],
        (words, native): (usize, usize),
    ) -> Option<String> {
        if words < self.min_words || native * 3 >= words {
            return None;
        }
        let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
            return None;
        };
        let span = first.span().cover(last.span());
        let toks: Vec<&str> = tokens
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| cx.tok(t))
            .collect();
        if !any_evidence(cx.language, &toks) {
            return None;
        }
        let d = lang::detect(span.of(cx.text()));
        let guess = d.guess?;
        if d.confidence < self.min_confidence || guess == cx.language {
            return None;
        }
        positive_evidence(cx.language, &guess, &toks).then_some(guess)
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        if cx.language.is_empty() {
            return; // target undecided: nothing to compare with
        }
        let all = cx.doc.tokens();
        let mut tallies: Vec<(usize, usize)> = Vec::new();
        for p in cx.doc.paragraphs() {
            let sentences = cx.doc.paragraph_sentences(p);
            let (Some(first), Some(last)) = (sentences.first(), sentences.last()) else {
                continue;
            };
            // Each word is looked up once: the paragraph's tally is its sentences' and the
            // tokens between them.
            tallies.clear();
            let mut total = (0, 0);
            let mut at = first.tokens.start;
            for s in sentences {
                let gap = self.tally(cx, &all[at.min(s.tokens.start)..s.tokens.start]);
                let n = self.tally(cx, cx.doc.sentence_tokens(s));
                total = (total.0 + gap.0 + n.0, total.1 + gap.1 + n.1);
                tallies.push(n);
                at = at.max(s.tokens.end);
            }
            let tokens = &all[first.tokens.start..last.tokens.end];
            if let Some(l) = self.foreign(cx, tokens, total) {
                out.push(finding(cx, rule, first.span.cover(last.span), &l));
                continue;
            }
            if sentences.len() == 1 {
                continue;
            }
            for (s, &n) in sentences.iter().zip(&tallies) {
                if let Some(l) = self.foreign(cx, cx.doc.sentence_tokens(s), n) {
                    out.push(finding(cx, rule, s.span, &l));
                }
            }
        }
    }
}

/// Whether [`positive_evidence`] could hold for some detected language other than the target:
/// fewer than half of the words are common target words (a language without a lexicon), or a
/// third of them are clearly more frequent in another language with a lexicon. When it cannot,
/// detection would be wasted. Always true for a target without a lexicon.
fn any_evidence(target: &str, words: &[&str]) -> bool {
    use crate::lexicon::Lexicon;
    let Some(t) = Lexicon::get(target) else {
        return true;
    };
    let zt: Vec<f32> = words.iter().map(|w| t.zipf(w).unwrap_or(0.0)).collect();
    if zt.iter().filter(|&&z| z >= 3.0).count() * 2 < words.len() {
        return true;
    }
    Lexicon::languages()
        .filter(|l| *l != target)
        .filter_map(Lexicon::get)
        .any(|o| {
            let other = words
                .iter()
                .zip(&zt)
                .filter(|(w, z)| o.zipf(w).unwrap_or(0.0) >= *z + MARGIN)
                .count();
            other * 3 >= words.len()
        })
}

/// Whether the words support the detected language against the target, where lexicons allow a
/// word-by-word judgement: with lexicons of both, at least a third of the words must be clearly
/// more frequent in the detected language; with the target's only, fewer than half of the words
/// may be common target words. (Detection on short text mistakes English headlines and
/// Latinate medical English for other languages.)
fn positive_evidence(target: &str, detected: &str, words: &[&str]) -> bool {
    use crate::lexicon::Lexicon;
    let Some(t) = Lexicon::get(target) else {
        return true;
    };
    let zt = |w: &str| t.zipf(w).unwrap_or(0.0);
    match Lexicon::get(detected) {
        Some(o) => {
            let other = words
                .iter()
                .filter(|w| o.zipf(w).unwrap_or(0.0) >= zt(w) + MARGIN)
                .count();
            other * 3 >= words.len()
        }
        None => words.iter().filter(|w| zt(w) >= 3.0).count() * 2 < words.len(),
    }
}

fn finding(cx: &Context, rule: &Rule, span: Span, language: &str) -> Finding {
    let f = rule.finding(span, span.of(cx.text()));
    let message = f.message.replace("{language}", language);
    f.with_message(message)
}

/// How much more frequent (in Zipf units) a word must be in another language than in the
/// target to count as that language's word.
const MARGIN: f32 = 1.0;
/// A word of the other language this frequent (Zipf) is a common or function word there; a run
/// needs one, so that two adjacent loanwords ("fake news") stay silent.
const COMMON: f32 = 5.0;

/// `untranslated-run`: a run of words inside a target sentence that are far more frequent in
/// another language with an embedded lexicon than in the target ("… a été repoussé on a
/// best-effort basis, selon …"). Words are judged by Zipf frequency: a word is the other
/// language's when it is at least `MARGIN` more frequent there (and known there), the target's
/// when it is at least as frequent in the target, and ambiguous otherwise (on, a, die). A run
/// is a stretch of other-language and ambiguous lowercase words (numbers inside allowed), cut by
/// target words, capitalised words (names, German nouns) and punctuation; the target's
/// established loanwords (`words`) count as ambiguous. It is reported when it holds at least
/// `min` (default 2) other-language words, they are at least half of the words from its first to
/// its last other-language word, and one of them is a common word of that language. The span runs from its first to its last
/// other-language word.
#[derive(Debug)]
pub struct UntranslatedRun {
    min: usize,
    loanwords: FxHashSet<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum Class {
    Target,
    Other(f32),
    Ambiguous,
    Neutral,
    Break,
}

impl UntranslatedRun {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            min: b.spec.min.unwrap_or(2).max(1),
            loanwords: Builder::set(&b.spec.words, true),
        })
    }

    fn classify(
        &self,
        word: &str,
        target: &crate::lexicon::Lexicon,
        other: &crate::lexicon::Lexicon,
    ) -> Class {
        if !word.chars().next().is_some_and(char::is_lowercase) {
            return Class::Break;
        }
        let lower = word.to_lowercase();
        if self.loanwords.contains(&lower) {
            return Class::Ambiguous;
        }
        // "company's", "best-effort": judged by the most frequent part in both languages, so
        // that a compound listed in one lexicon only does not decide.
        let zipf = |lex: &crate::lexicon::Lexicon, w: &str| -> Option<f32> {
            if !w.contains(['\'', '’', '-']) {
                return lex.zipf(w);
            }
            w.split(['\'', '’', '-'])
                .filter(|p| p.len() > 1)
                .filter_map(|p| lex.zipf(p))
                .reduce(f32::max)
        };
        let t = zipf(target, &lower).unwrap_or(0.0);
        let o = zipf(other, &lower).unwrap_or(0.0);
        if o >= t + MARGIN && o >= 2.0 {
            Class::Other(o)
        } else if t >= o {
            Class::Target
        } else {
            Class::Ambiguous
        }
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let Some(target) = crate::lexicon::Lexicon::get(cx.language) else {
            return;
        };
        let others: Vec<&crate::lexicon::Lexicon> = crate::lexicon::Lexicon::languages()
            .filter(|l| *l != cx.language)
            .filter_map(crate::lexicon::Lexicon::get)
            .collect();
        let mut found: Vec<(Span, &str)> = Vec::new();
        for s in cx.doc.sentences() {
            let toks = cx.doc.sentence_tokens(s);
            for other in &others {
                let classes: Vec<Class> = toks
                    .iter()
                    .map(|t| match t.kind {
                        TokenKind::Word => self.classify(cx.tok(t), target, other),
                        TokenKind::Number => Class::Neutral,
                        TokenKind::Punct => Class::Break,
                    })
                    .collect();
                let mut i = 0;
                while i < toks.len() {
                    if matches!(classes[i], Class::Break | Class::Target) {
                        i += 1;
                        continue;
                    }
                    let start = i;
                    while i < toks.len() && !matches!(classes[i], Class::Break | Class::Target) {
                        i += 1;
                    }
                    // The core of the run: from its first to its last other-language word.
                    let foreign: Vec<usize> = (start..i)
                        .filter(|&k| matches!(classes[k], Class::Other(_)))
                        .collect();
                    let (Some(&a), Some(&b)) = (foreign.first(), foreign.last()) else {
                        continue;
                    };
                    let core = &classes[a..=b];
                    let words = core.iter().filter(|c| **c != Class::Neutral).count();
                    let common = core
                        .iter()
                        .any(|c| matches!(c, Class::Other(z) if *z >= COMMON));
                    if foreign.len() >= self.min && foreign.len() * 2 >= words && common {
                        found.push((toks[a].span().cover(toks[b].span()), other.language()));
                    }
                }
            }
        }
        found.sort_by_key(|f| (f.0.start, std::cmp::Reverse(f.0.end)));
        let mut last_end = 0;
        for (span, language) in found {
            if span.start < last_end {
                continue; // already covered through another language
            }
            last_end = span.end;
            out.push(finding(cx, rule, span, language));
        }
    }
}

/// `romanised-word`: a source-language word left in romanisation inside an English sentence
/// ("the Mapo gucheong", "the kantoku said"). A lowercase word of at least `min` letters
/// (default 5) that is not an English word (absent from the target lexicon) is flagged when it is one of `words` (known romanised words) or when it parses entirely
/// as syllables of the source romanisation (`pattern`, a regex on the lowercased word, such as
/// pinyin or Hepburn syllables repeated). A capitalised word counts only when it ends in one of
/// `phrases` (institution morphemes such as -cheong "agency", -ju "bureau", -kei "police"),
/// is preceded by "the" (possibly with a capitalised place name between), and is not followed
/// by another capitalised word: names of people stay silent. A word right after an opening
/// quotation mark is a term the article names on purpose ("known as \"tendenko\"").
#[derive(Debug)]
pub struct RomanisedWord {
    pattern: Option<regex::Regex>,
    known: FxHashSet<String>,
    suffixes: Vec<String>,
    min_letters: usize,
}

impl RomanisedWord {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        let pattern = match &b.spec.pattern {
            Some(p) => Some(b.regex(p, true)?),
            None => None,
        };
        let known = Builder::set(&b.spec.words, true);
        if pattern.is_none() && known.is_empty() {
            return Err(b.error("kind `romanised-word` needs `pattern` or `words`"));
        }
        Ok(Self {
            pattern,
            known,
            suffixes: Builder::lowered(&b.spec.phrases),
            min_letters: b.spec.min.unwrap_or(5).max(2),
        })
    }

    fn romanised(&self, lower: &str, lexicon: Option<&crate::lexicon::Lexicon>) -> bool {
        if lexicon.is_some_and(|l| l.contains(lower)) {
            return false;
        }
        self.known.contains(lower)
            || (lower.chars().count() >= self.min_letters
                && lower.chars().all(|c| c.is_ascii_lowercase())
                && self.pattern.as_ref().is_some_and(|p| p.is_match(lower)))
    }

    /// Whether the romanised word at `i` is a term the article explains rather than a leftover:
    /// the term (with the romanised words next to it, as in "junmai ginjo") is followed by an
    /// appositive or a parenthesis ("…, a premium grade of sake", "… (the prefectural police)").
    fn explained(
        &self,
        cx: &Context,
        toks: &[Token],
        i: usize,
        lexicon: Option<&crate::lexicon::Lexicon>,
    ) -> bool {
        let romanised_at = |k: usize| {
            toks.get(k).is_some_and(|t| {
                t.kind == TokenKind::Word && self.romanised(&cx.tok(t).to_lowercase(), lexicon)
            })
        };
        let mut end = i + 1;
        while romanised_at(end) {
            end += 1;
        }
        let word = |k: usize| toks.get(k).map(|t| cx.tok(t).to_lowercase());
        match word(end).as_deref() {
            Some("(") => true,
            Some(",") | Some("—") | Some("–") => matches!(
                word(end + 1).as_deref(),
                Some("a" | "an" | "meaning" | "or" | "literally")
            ),
            _ => false,
        }
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let lexicon = crate::lexicon::Lexicon::get(cx.language);
        for s in cx.doc.sentences() {
            let toks = cx.doc.sentence_tokens(s);
            for (i, t) in toks.iter().enumerate() {
                if t.kind != TokenKind::Word {
                    continue;
                }
                let raw = cx.tok(t);
                // "Kenkei's": judge the word without its possessive.
                let w = raw
                    .strip_suffix("'s")
                    .or_else(|| raw.strip_suffix("’s"))
                    .unwrap_or(raw);
                let quoted = i.checked_sub(1).is_some_and(|k| {
                    matches!(cx.tok(&toks[k]), "\"" | "“" | "‘" | "'" | "«" | "「")
                });
                if quoted {
                    continue; // a term the article names and explains: "known as \"tendenko\""
                }
                let lower = w.to_lowercase();
                let lowercase = w.chars().next().is_some_and(char::is_lowercase);
                let institution = super::is_capitalized(w)
                    && w.chars().skip(1).all(char::is_lowercase)
                    && self.suffixes.iter().any(|x| lower.ends_with(x.as_str()))
                    && after_the(cx, toks, i)
                    && !toks.get(i + 1).is_some_and(|n| {
                        n.kind == TokenKind::Word && super::is_capitalized(cx.tok(n))
                    });
                let hit = (lowercase || institution)
                    && self.romanised(&lower, lexicon)
                    && !self.explained(cx, toks, i, lexicon);
                if hit {
                    let span = Span::new(t.span().start, t.span().start + w.len());
                    out.push(rule.finding(span, w));
                }
            }
        }
    }
}

/// Whether "the" precedes the word at `i`, directly or before one or two capitalised words.
fn after_the(cx: &Context, toks: &[Token], i: usize) -> bool {
    let mut j = i;
    for _ in 0..3 {
        let Some(k) = j.checked_sub(1) else {
            return false;
        };
        let w = cx.tok(&toks[k]);
        if w.eq_ignore_ascii_case("the") {
            return true;
        }
        if toks[k].kind != TokenKind::Word || !super::is_capitalized(w) {
            return false;
        }
        j = k;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::{any_evidence, positive_evidence};

    #[test]
    fn detection_is_skipped_only_where_no_language_could_be_confirmed() {
        let english = ["Prime", "Minister", "visited", "Berlin", "on", "Tuesday"];
        assert!(!any_evidence("en", &english));
        for other in ["fr", "de", "es", "it", "nl"] {
            assert!(!positive_evidence("en", other, &english), "{other}");
        }
        let french = ["le", "conseil", "municipal", "a", "voté", "hier"];
        assert!(any_evidence("en", &french));
        assert!(positive_evidence("en", "fr", &french));
        // A target without a lexicon leaves every text to detection.
        assert!(any_evidence("ja", &english));
    }
}
