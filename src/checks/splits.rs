//! Sentence boundaries in the wrong place.
//!
//! - `broken-split`: a sentence cut short, its predicate pushed into the next sentence: a
//!   subordinate clause (introduced by one of `words`: unless, if, when …) followed, after a
//!   comma, by nothing but a short noun phrase: one of `determiners` and either a single word or
//!   only capitalised words ("…unless the ally reaches the threshold, the U.S. This includes…"),
//!   and either the noun phrase ends in an abbreviation or the next sentence opens with a
//!   common sentence opener, so an appositive ("…before moving to London, his hometown.") is
//!   not taken for a cut.
//!
//! Run-ons (two sentences joined without punctuation) are in `runon.rs`.

use rustc_hash::FxHashSet;

use super::{Builder, Context, is_lower_initial};
use crate::document::{Sentence, Span, Token, TokenKind};
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

#[derive(Debug)]
pub struct BrokenSplit {
    subordinators: FxHashSet<String>,
    determiners: FxHashSet<String>,
    max_words: usize,
}

fn is_clause_break(cx: &Context, t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(cx.tok(t), "," | ";" | ":" | "—" | "–")
}

impl BrokenSplit {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            subordinators: Builder::set(&b.spec.words, true),
            determiners: Builder::set(&b.spec.determiners, true),
            max_words: b.spec.max.unwrap_or(4),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        abbreviation_cuts(cx, rule, out);
        unfinished_halves(cx, rule, out);
        lowercase_continuations(cx, rule, out);
        paragraph_cuts(cx, rule, out);
        infinitive_halves(cx, rule, out);
        verbless_continuations(cx, rule, out);
        if self.subordinators.is_empty() || self.determiners.is_empty() {
            return;
        }
        let sentences = cx.doc.sentences();
        for (i, s) in sentences.iter().enumerate() {
            if !s.terminated || cx.doc.slice(s.span).ends_with(['?', '!']) {
                continue;
            }
            let toks = cx.doc.sentence_tokens(s);
            // Clause boundaries: indices of commas and the like.
            let breaks: Vec<usize> = (0..toks.len())
                .filter(|&k| is_clause_break(cx, &toks[k]))
                .collect();
            let Some(&last) = breaks.last() else {
                continue;
            };
            let final_clause: Vec<&Token> = toks[last + 1..]
                .iter()
                .filter(|t| t.kind != TokenKind::Punct)
                .collect();
            let Some(first) = final_clause.first() else {
                continue;
            };
            let noun_phrase = final_clause.len() == 2
                || final_clause[1..]
                    .iter()
                    .all(|t| super::is_capitalized(cx.tok(t)));
            if final_clause.len() < 2
                || final_clause.len() > self.max_words
                || !noun_phrase
                || !self.determiners.contains(&cx.tok(first).to_lowercase())
            {
                continue;
            }
            let prev_start = breaks.len().checked_sub(2).map_or(0, |k| breaks[k] + 1);
            let subordinate = toks[prev_start..last].iter().any(|t| {
                t.kind == TokenKind::Word && self.subordinators.contains(&cx.tok(t).to_lowercase())
            });
            if !subordinate {
                continue;
            }
            // The predicate must be missing, not merely absent from an appositive ("…, his
            // hometown."): the next sentence opens like a continuation, or the noun phrase
            // ends in an abbreviation the splitter broke after ("the U.S.").
            let next_word = sentences
                .get(i + 1)
                .filter(|n| n.paragraph == s.paragraph)
                .and_then(|n| cx.doc.sentence_tokens(n).iter().find(|t| t.is_word()));
            let last_word = final_clause[final_clause.len() - 1];
            let abbreviated = cx.tok(last_word).contains('.');
            let continues = next_word.is_some_and(|t| cx.seg.openers.contains(cx.tok(t)));
            if !abbreviated && !continues {
                continue;
            }
            let mut span = Span::new(first.span().start, s.span.end);
            if let Some(t) = next_word {
                span = span.cover(t.span());
            }
            out.push(rule.finding(span, cx.doc.slice(span)));
        }
    }
}

/// Whether `word` is written like a number: digits, a roman numeral, a number with a letter
/// ("12a").
fn is_number_like(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_digit())
        || word.len() <= 5 && word.chars().all(|c| "IVXLCDM".contains(c))
}

/// Abbreviations of the `[segmentation]` classes whose period cut a sentence:
/// - a title (Dr, Prof, M, Sra) followed by a closed-class word instead of a name: "Dr. The";
///   a name particle followed by a capitalised word ("M. Le Guen") is a name;
/// - a numbering abbreviation (No, Nr, núm, Sept) followed by a word instead of a number;
/// - a title at the end of a line, its name on the next ("M.\nLe Goff");
/// - a lowercase inline abbreviation ("z. B.", "e.g.") before a capitalised article or pronoun
///   that opens a clause ("z. B. Die Wassertiefe");
/// - a postpositive abbreviation (Inc, Co, U.S) followed by a capitalised relative pronoun or
///   auxiliary, which cannot open a sentence that is not a question: "Co. Which makes …";
/// - in Japanese and Chinese, an abbreviation's period followed by 。 and more text: the
///   splitter closed the sentence at the abbreviation.
fn abbreviation_cuts(cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
    let seg = cx.seg;
    let g = &seg.grammar;
    let toks = cx.doc.tokens();
    let text = cx.text();
    for i in 1..toks.len().saturating_sub(1) {
        let (abbr, dot, next) = (&toks[i - 1], &toks[i], &toks[i + 1]);
        if abbr.kind != TokenKind::Word || cx.tok(dot) != "." || abbr.span().end != dot.span().start
        {
            continue;
        }
        let a = cx.tok(abbr);
        let w = cx.tok(next);
        if w == "。" && next.span().start == dot.span().end {
            // "Corvane Inc.。负责…": text goes on after the doubled terminator.
            if a.len() >= 2
                && (seg.postpositive.contains(a) || a.contains('.') || seg.ambiguous.contains(a))
                && toks.get(i + 2).is_some_and(|t| t.is_word())
                && toks[i + 2].span().start == next.span().end
            {
                let span = abbr.span().cover(next.span());
                out.push(rule.finding(span, span.of(text)));
            }
            continue;
        }
        if next.kind != TokenKind::Word {
            continue;
        }
        let lw = w.to_lowercase();
        let after = toks.get(i + 2).filter(|t| t.is_word()).map(|t| cx.tok(t));
        let closed = g.articles.contains(&lw)
            || g.pronouns.contains(&lw)
            || g.prepositions.contains(&lw)
            || g.auxiliaries.contains(&lw)
            || g.conjunctions.contains(&lw);
        let line_break = text[dot.span().end..next.span().start].contains('\n');
        let mut abbr_start = abbr.span().start;
        let cut = if seg.titles.contains(a) && line_break {
            // A title cannot end a line of prose: the name went to the next paragraph.
            super::is_capitalized(w)
        } else if seg.titles.contains(a) {
            // A name particle ("Le", "De", "van") before a capitalised word is part of a name.
            let particle = after.is_some_and(super::is_capitalized)
                || after.is_some_and(|x| {
                    x.chars().all(char::is_lowercase)
                        && toks
                            .get(i + 3)
                            .is_some_and(|t| super::is_capitalized(cx.tok(t)))
                });
            // German surnames never begin with a capitalised article (Der, Die, Das).
            let particle = particle && (!g.capitalised_nouns || is_lower_initial(w));
            closed && (!particle || g.auxiliaries.contains(&lw))
        } else if seg.numbering.contains(a) {
            !is_number_like(w) && super::is_capitalized(w) && (closed || after.is_some())
        } else if let Some(start) = inline_abbreviation(cx, i)
            && !line_break
        {
            abbr_start = start;
            // An inline abbreviation ("z. B.", "e.g.") before a capitalised article or pronoun
            // that opens a clause: the text was cased as a new sentence.
            super::is_capitalized(w)
                && (g.articles.contains(&lw) || g.pronouns.contains(&lw))
                && (g.capitalised_nouns || after.is_some_and(is_lower_initial))
        } else if seg.postpositive.contains(a) || a.contains('.') {
            super::is_capitalized(w)
                && (g.relatives.contains(&lw) || g.auxiliaries.contains(&lw))
                && !question_follows(cx, next)
        } else {
            false
        };
        if cut {
            let span = Span::new(abbr_start, next.span().end);
            out.push(rule.finding(span, span.of(text)));
        }
    }
}

/// Whether the word before the period at `dot` is an abbreviation after which a sentence may
/// have been cut: a postpositive or ambiguous one, a dotted acronym ("U.S", "S.A"), or a listed
/// lowercase one ("approx", "etc", "av"). Titles and numbering abbreviations are left to
/// [`abbreviation_cuts`].
fn is_cut_abbreviation(cx: &Context, dot: usize) -> bool {
    let seg = cx.seg;
    let a = cx.tok(&cx.doc.tokens()[dot - 1]);
    if seg.titles.contains(a) || seg.numbering.contains(a) || a.chars().count() < 2 {
        return false;
    }
    seg.postpositive.contains(a)
        || seg.ambiguous.contains(a)
        || a.contains('.') && a.chars().any(char::is_alphabetic)
        || a.chars().all(char::is_lowercase) && seg.never_final.contains(a)
        || inline_abbreviation(cx, dot).is_some()
}

/// Principle B of broken splits: a sentence cut at an abbreviation whose first half has no main
/// clause. At an abbreviation's period followed by a capitalised word, the first half (from the
/// start of its sentence) loses a leading adverbial ("According to X," / "On Monday,") and a
/// trailing relative clause (", which …", ", qui …", ", die …"). It is flagged when
/// - a relative clause was stripped and what is left has no finite verb ("The ferry link, whose
///   boats were built by Arendal Co. It now …"), or
/// - it opens with a preposition, a participle used as one ("Following …") or an attribution
///   marker and has no finite verb: it is only an adverbial ("Even with new quotas on steel in
///   the U.K. It kept …"). A past form right after the phrase's object ("Under the agreement
///   signed with …") modifies it and is no predicate; a listed verb form after an article ("the
///   plan") is a noun.
///
/// The abbreviation may be one no list knows: a name initial or a short company form after a
/// name ("… drawn up by Ines K. The …", "… signed with Belmar Pty. The …"); see
/// [`unlisted_abbreviation`].
///
/// Across a paragraph break, a continuation that opens with a lowercase relative pronoun or auxiliary
/// is a cut too
/// ("… Arendal Co.\n\nwhich now …"). A first half of fewer than three words (seven before a line
/// break, where list items and headings end) or with quotation
/// marks, and a question after the abbreviation, stay silent.
fn unfinished_halves(cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
    let g = &cx.seg.grammar;
    if g.is_empty() {
        return;
    }
    let toks = cx.doc.tokens();
    let text = cx.text();
    let sentences = cx.doc.sentences();
    for i in cut_periods(cx) {
        let (abbr, dot, next) = (&toks[i - 1], &toks[i], &toks[i + 1]);
        let w = cx.tok(next);
        let line_break = text[dot.span().end..next.span().start].contains('\n');
        let Some(s) = sentence_at(sentences, abbr.span()).map(|k| &sentences[k]) else {
            continue;
        };
        let lw = w.to_lowercase();
        if line_break
            && is_lower_initial(w)
            && (g.relatives.contains(&lw) || g.auxiliaries.contains(&lw))
        {
            // A line cannot open on a relative pronoun or an auxiliary: the first half is on
            // the line before. (Any lowercase word is too weak: list items start lowercase.)
            let span = abbr.span().cover(dot.span());
            out.push(rule.finding(span, span.of(text)));
            continue;
        }
        // The continuation must open like a new sentence of its own (a pronoun, an article, a
        // connective or a common sentence opener) or like the rest of the cut one (an auxiliary
        // or a listed verb form: "… Co. Said"). A capitalised noun or name after the period
        // (German "74,5 Mio. Euro") more likely continues the same sentence.
        let opener = g.pronouns.contains(&lw)
            || g.articles.contains(&lw)
            || g.connectives.contains(&lw)
            || g.auxiliaries.contains(&lw)
            || g.verbs.contains(&lw)
            || cx.seg.openers.contains(w);
        if !super::is_capitalized(w) || !opener || question_follows(cx, next) {
            continue;
        }
        // The sentence's own tokens: filtering the document's was quadratic in the candidates.
        let half: Vec<&Token> = cx
            .doc
            .sentence_tokens(s)
            .iter()
            .filter(|t| t.span().end <= abbr.span().end)
            .collect();
        let words: Vec<String> = half
            .iter()
            .filter(|t| t.is_word())
            .map(|t| cx.tok(t).to_lowercase())
            .collect();
        let lower_cased: Vec<bool> = half
            .iter()
            .filter(|t| t.is_word())
            .map(|t| is_lower_initial(cx.tok(t)))
            .collect();
        // Whether a number stands right before each word ("In 2019 the port …"): the words
        // around it are not adjacent.
        let after_number: Vec<bool> = half
            .iter()
            .enumerate()
            .filter(|(_, t)| t.is_word())
            .map(|(k, _)| k > 0 && half[k - 1].kind == TokenKind::Number)
            .collect();
        // Across a line break, short lines are list items or headings ("Spouses, etc.").
        if words.len() < 3
            || line_break && words.len() < 7
            || has_quote(cx.doc.slice(Span::new(s.span.start, abbr.span().end)))
        {
            continue;
        }
        // Word index of each comma in the first half.
        let mut commas = Vec::new();
        let mut n = 0;
        for t in &half {
            if t.is_word() {
                n += 1;
            } else if cx.tok(t) == "," {
                commas.push(n);
            }
        }
        // A past form right after the object of a preposition is a participle, not the
        // predicate: "Under the agreement signed with …", "As part of a deal struck with …".
        let finite = |from: usize, to: usize, short: bool| {
            (from..to).any(|k| {
                g.is_finite_verb(&words, k, lower_cased[k], short)
                    && !participle_after_object(g, &words, &lower_cased, &after_number, k)
                    // A listed form after an article is a noun: "the plan", "a need".
                    && !(k > 0
                        && g.articles.contains(&words[k - 1])
                        && !g.auxiliaries.contains(&words[k]))
            })
        };
        // A participle opener ("Following the talks with …", "Including …") works as a
        // preposition; a gerund subject ("Building the plant took …") has its predicate.
        let ing_opener = cx.language == "en"
            && words[0].len() >= 6
            && words[0].ends_with("ing")
            && !lower_cased[0];
        let adverbial_opening = ing_opener
            || g.prepositions.contains(&words[0])
            || words.len() > 1 && g.prepositions.contains(&words[1]) && lower_cased[1]
            || g.attribution.iter().any(|p| words.starts_with(p));
        let cut = if adverbial_opening && !finite(0, words.len(), false) {
            true
        } else if commas.is_empty() {
            false
        } else {
            let start = if adverbial_opening { commas[0] } else { 0 };
            // The first comma after the core that opens a relative clause.
            commas
                .iter()
                .find(|&&c| {
                    c > start && c < words.len() && is_relative(g, &words[c], lower_cased[c])
                })
                .is_some_and(|&c| c - start >= 1 && !finite(start, c, true))
        };
        if cut {
            // The cut sentence only: the continuation may be a sentence of its own segment.
            let span = Span::new(half[0].span().start, dot.span().end);
            out.push(rule.finding(span, span.of(text)));
        }
    }
}

/// Whether a word after a comma opens a relative clause: a relative pronoun, or in German a
/// lowercase article used as one (", die …").
fn is_relative(g: &crate::document::Grammar, w: &str, lower: bool) -> bool {
    g.relatives.contains(w)
        || lower && g.capitalised_nouns && matches!(w, "der" | "die" | "das" | "den" | "dem")
        || lower && matches!(w, "whose" | "que" | "qui" | "dont")
}

fn has_quote(text: &str) -> bool {
    text.contains(['"', '“', '”', '„', '«', '»'])
}

/// Where the lowercase inline abbreviation ("e.g.", "z. B.") whose final period is the token
/// at `dot` starts, if it is one of `never-final`.
fn inline_abbreviation(cx: &Context, dot: usize) -> Option<usize> {
    let toks = cx.doc.tokens();
    let a = cx.tok(&toks[dot - 1]);
    if cx.seg.never_final.contains(a) && a.chars().next().is_some_and(char::is_lowercase) {
        return Some(toks[dot - 1].span().start);
    }
    // A spaced two-part abbreviation: "z. B." is listed as "z.B".
    if dot >= 3 && cx.tok(&toks[dot - 2]) == "." && toks[dot - 3].is_word() {
        let joined = format!("{}.{a}", cx.tok(&toks[dot - 3]));
        if cx.seg.never_final.contains(&joined) && joined.starts_with(char::is_lowercase) {
            return Some(toks[dot - 3].span().start);
        }
    }
    None
}

/// The periods (token indexes) that close a cut abbreviation glued to them and have a word
/// right after: where both the unfinished-half and the verbless-continuation forms look. The
/// abbreviation is a listed one or one no list knows ([`unlisted_abbreviation`]); both forms
/// flag a cut only on structural evidence, so a real sentence end after one stays silent.
fn cut_periods<'c>(cx: &'c Context) -> impl Iterator<Item = usize> + 'c {
    let toks = cx.doc.tokens();
    let lexicon = crate::lexicon::Lexicon::get(cx.language);
    (1..toks.len().saturating_sub(1)).filter(move |&i| {
        is_glued_period(cx, i)
            && (is_cut_abbreviation(cx, i) || unlisted_abbreviation(cx, i, lexicon))
    })
}

/// Whether the token at `i` is a period glued to the word before it, with a word after it.
fn is_glued_period(cx: &Context, i: usize) -> bool {
    let toks = cx.doc.tokens();
    let (abbr, dot, next) = (&toks[i - 1], &toks[i], &toks[i + 1]);
    abbr.kind == TokenKind::Word
        && cx.tok(dot) == "."
        && abbr.span().end == dot.span().start
        && next.is_word()
}

/// An abbreviation no list knows, written after a capitalised word of a name on the same
/// line: a name initial ("Ines K.") or a short capitalised company or place form that is not a
/// common word ("Pty", "Bhd", "Intl", "Hldgs"): no vowel, or rare in the language's lexicon.
/// Only the structural test of [`unfinished_halves`] reads these, so a real sentence end after
/// one (a first half with a predicate) stays silent.
fn unlisted_abbreviation(
    cx: &Context,
    dot: usize,
    lexicon: Option<&crate::lexicon::Lexicon>,
) -> bool {
    let toks = cx.doc.tokens();
    if dot < 2 {
        return false;
    }
    let (name, abbr) = (&toks[dot - 2], &toks[dot - 1]);
    let a = cx.tok(abbr);
    let n = a.chars().count();
    let shaped = a.chars().next().is_some_and(char::is_uppercase)
        && a.chars().all(char::is_alphabetic)
        && a.chars().skip(1).all(char::is_lowercase)
        && n <= 5;
    let gap = &cx.text()[name.span().end..abbr.span().start];
    if !shaped
        || !name.is_word()
        || !super::is_capitalized(cx.tok(name))
        || gap != " "
        || cx.seg.titles.contains(a)
        || cx.seg.numbering.contains(a)
    {
        return false;
    }
    // "y" does not count: "Pty", "Bhd", "Mfg" are written without another vowel.
    let vowelless = !a
        .chars()
        .any(|c| "aeiouäöüéèêàáíóúâîôû".contains(c.to_lowercase().next().unwrap_or(c)));
    n == 1 || vowelless || lexicon.is_some_and(|l| l.zipf(a).is_none_or(|z| z < 3.0))
}

/// Whether `words[k]` is a past form that follows the object of a preposition, so that it
/// modifies that object: a preposition, an optional article, up to three lowercase words, then
/// the verb form ("under the agreement signed", "of a deal struck"). A subject between the
/// phrase and the verb ("Under the deal the city signed") makes it a predicate again.
fn participle_after_object(
    g: &crate::document::Grammar,
    words: &[String],
    lower: &[bool],
    after_number: &[bool],
    k: usize,
) -> bool {
    let w = &words[k];
    let past = w.ends_with("ed") || g.verbs.contains(w) && !w.ends_with('s');
    if !past || g.auxiliaries.contains(w) || k < 2 {
        return false;
    }
    let mut j = k;
    let mut nouns = 0;
    while j > 0 && nouns < 3 {
        let x = &words[j - 1];
        if !lower[j - 1] || g.is_function_word(x) {
            break;
        }
        nouns += 1;
        j -= 1;
    }
    if nouns == 0 || j == 0 {
        return false;
    }
    if g.articles.contains(&words[j - 1]) && !after_number[j] {
        j -= 1;
    }
    j > 0 && !after_number[j] && g.prepositions.contains(&words[j - 1])
}

/// The index of the sentence that holds `span`, found by binary search: sentences are in text
/// order and do not overlap (a scan per candidate would be quadratic in a hostile text).
fn sentence_at(sentences: &[Sentence], span: Span) -> Option<usize> {
    let k = sentences.partition_point(|s| s.span.end < span.end);
    sentences
        .get(k)
        .is_some_and(|s| s.span.start <= span.start && span.end <= s.span.end)
        .then_some(k)
}

/// Whether the sentence that starts at `tok` is a question.
fn question_follows(cx: &Context, tok: &Token) -> bool {
    let sentences = cx.doc.sentences();
    sentence_at(sentences, tok.span())
        .map(|k| &sentences[k])
        .is_some_and(|s| {
            cx.doc
                .slice(s.span)
                .trim_end_matches(['"', '”', '»', ')'])
                .ends_with('?')
        })
}

/// Whether `w` (lowercase) is a closed-class word that continues a clause and cannot open a
/// sentence written in lowercase: a pronoun, an article, an auxiliary, a relative pronoun, a
/// conjunction, a preposition or a subordinator.
fn continues_clause(g: &crate::document::Grammar, w: &str) -> bool {
    g.pronouns.contains(w)
        || g.articles.contains(w)
        || g.auxiliaries.contains(w)
        || g.relatives.contains(w)
        || g.conjunctions.contains(w)
        || g.prepositions.contains(w)
        || g.subordinators.contains(w)
}

/// Whether the word before a period may be an abbreviation, so that the period ends nothing:
/// a listed one of any class, a dotted acronym, a single letter (an initial), a number, a short
/// capitalised word ("Calif", "Mass") or a lowercase word without vowels ("govt", "pp").
fn maybe_abbreviation(cx: &Context, a: &str) -> bool {
    let seg = cx.seg;
    let listed = |w: &str| {
        seg.never_final.contains(w)
            || seg.before_number.contains(w)
            || seg.ambiguous.contains(w)
            || seg.titles.contains(w)
            || seg.numbering.contains(w)
            || seg.postpositive.contains(w)
    };
    let mut cap = a.to_string();
    if let Some(c) = a.chars().next() {
        cap = c.to_uppercase().chain(a.chars().skip(1)).collect();
    }
    listed(a)
        || listed(&cap)
        || a.contains('.')
        || a.chars().count() < 2
        || a.chars().any(|c| c.is_ascii_digit())
        || super::is_capitalized(a) && a.chars().count() <= 5
        || a.chars().any(char::is_uppercase) && a.chars().skip(1).any(char::is_uppercase)
        || !a
            .chars()
            .any(|c| "aeiouyäöüéèêàáíóúâîôû".contains(c.to_ascii_lowercase()))
}

/// A sentence that opens in lowercase on a word that continues a clause, right after a period
/// that closes an ordinary word: "… 1.8 million passengers a day. it had also asked …". The
/// text was cut at a wrong boundary, or the end of one sentence was glued to the start of the
/// next. After an abbreviation ("the U.S. and Canada", "z. B. die", "Calif. and") the period
/// ends nothing, and a text whose sentences often open in lowercase is written that way.
fn lowercase_continuations(cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
    let g = &cx.seg.grammar;
    if g.articles.is_empty() || g.pronouns.is_empty() {
        return;
    }
    let toks = cx.doc.tokens();
    let text = cx.text();
    let mut hits = Vec::new();
    let mut openings = 0usize;
    for i in 1..toks.len().saturating_sub(1) {
        let (prev, dot, next) = (&toks[i - 1], &toks[i], &toks[i + 1]);
        if cx.tok(dot) != "." || prev.span().end != dot.span().start || !next.is_word() {
            continue;
        }
        let gap = &text[dot.span().end..next.span().start];
        if gap.is_empty() || !gap.chars().all(|c| c == ' ') {
            continue;
        }
        let w = cx.tok(next);
        if !w.chars().next().is_some_and(char::is_alphabetic) {
            continue;
        }
        openings += 1;
        if !w.chars().all(char::is_lowercase) || !prev.is_word() {
            continue;
        }
        let a = cx.tok(prev);
        if maybe_abbreviation(cx, a)
            || inline_abbreviation(cx, i).is_some()
            || i >= 2 && cx.tok(&toks[i - 2]) == "."
            || !continues_clause(g, w)
        {
            continue;
        }
        hits.push(prev.span().cover(next.span()));
    }
    // A text whose sentences often open in lowercase is written without capitals.
    if hits.len() >= 2 && hits.len() * 5 > openings {
        return;
    }
    for span in hits {
        out.push(rule.finding(span, span.of(text)));
    }
}

/// A paragraph break inside a sentence: a prose paragraph (six words or more, not a list item)
/// whose last sentence has no terminator and ends on a lowercase word, followed by a paragraph
/// that opens in lowercase on a word that continues a clause ("… a view of the harbor\n\nwhich
/// was used by fishing boats …"). A heading or a list item opens with a capital or a bullet.
fn paragraph_cuts(cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
    let g = &cx.seg.grammar;
    if g.articles.is_empty() || g.pronouns.is_empty() {
        return;
    }
    let paragraphs = cx.doc.paragraphs();
    for pair in paragraphs.windows(2) {
        let (p, n) = (&pair[0], &pair[1]);
        let Some(last) = cx.doc.paragraph_sentences(p).last() else {
            continue;
        };
        if last.terminated {
            continue;
        }
        let words: Vec<&Token> = cx
            .doc
            .paragraph_sentences(p)
            .iter()
            .flat_map(|s| cx.doc.sentence_tokens(s))
            .filter(|t| t.is_word())
            .collect();
        let toks = cx.doc.sentence_tokens(last);
        let (Some(end), Some(&lw)) = (toks.last(), words.last()) else {
            continue;
        };
        // The paragraph ends on a word, or on a comma (an unfinished clause).
        let open_end = end.is_word() || cx.tok(end) == ",";
        if words.len() < 6 || !open_end || !is_lower_initial(cx.tok(lw)) {
            continue;
        }
        let ptext = cx.doc.slice(p.span).trim_start();
        if ptext.starts_with(['-', '•', '*', '·', '▶', '■', '—', '–', '>']) {
            continue;
        }
        let Some(first) = cx
            .doc
            .paragraph_sentences(n)
            .first()
            .and_then(|s| cx.doc.sentence_tokens(s).first())
        else {
            continue;
        };
        let w = cx.tok(first);
        if first.is_word() && w.chars().all(char::is_lowercase) && continues_clause(g, w) {
            let span = end.span().cover(first.span());
            out.push(rule.finding(span, span.of(cx.text())));
        }
    }
}

/// German separable prefixes, which take the "zu" of an infinitive inside the word
/// ("auszustatten", "teilzunehmen").
const SEPARABLE: &[&str] = &[
    "ab", "an", "auf", "aus", "bei", "dar", "durch", "ein", "fest", "frei", "her", "hin", "los",
    "mit", "nach", "statt", "teil", "um", "vor", "weg", "zurück", "zusammen", "vorbei", "weiter",
];

/// Whether `w` (lowercase) is a German infinitive with "zu" inside: a separable prefix, "zu",
/// and an infinitive ending ("auszustatten").
fn infixed_infinitive(w: &str) -> bool {
    SEPARABLE.iter().any(|p| {
        w.strip_prefix(p)
            .and_then(|r| r.strip_prefix("zu"))
            .is_some_and(|r| {
                r.chars().count() >= 4
                    && (r.ends_with("en") || r.ends_with("ern") || r.ends_with("eln"))
            })
    })
}

/// Where nouns are capitalised (German): a sentence that is only an infinitive clause, cut off
/// from the verb that governs it ("Der Rat hat beschlossen. Das Bad bis 2027 zu sanieren."). It
/// ends on "zu" + infinitive (or an infinitive with "zu" inside), follows a sentence of the same
/// paragraph, and has no finite verb: no auxiliary, no listed verb and no lowercase word with a
/// finite ending other than the infinitive itself.
fn infinitive_halves(cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
    let g = &cx.seg.grammar;
    if !g.capitalised_nouns {
        return;
    }
    let sentences = cx.doc.sentences();
    for (i, s) in sentences.iter().enumerate().skip(1) {
        if !s.terminated || sentences[i - 1].paragraph != s.paragraph {
            continue;
        }
        let text = cx.doc.slice(s.span);
        if !text.ends_with('.') || has_quote(text) {
            continue;
        }
        let words: Vec<&str> = cx
            .doc
            .sentence_tokens(s)
            .iter()
            .filter(|t| t.is_word())
            .map(|t| cx.tok(t))
            .collect();
        let n = words.len();
        if n < 4 || !super::is_capitalized(words[0]) {
            continue;
        }
        let last = words[n - 1];
        let zu = n >= 2 && words[n - 2] == "zu" && is_lower_initial(last) && last.ends_with('n');
        if !(zu || infixed_infinitive(last)) {
            continue;
        }
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let body = if zu { n - 2 } else { n - 1 };
        let finite = (0..body).any(|k| {
            let w = &lower[k];
            g.auxiliaries.contains(w)
                || g.verbs.contains(w)
                || g.reporting_verbs.iter().any(|p| p.len() == 1 && p[0] == *w)
                || is_lower_initial(words[k])
                    && !g.is_function_word(w)
                    // An adjective after an article ("das alte Bad") is not a verb.
                    && !(k > 0 && (g.articles.contains(&lower[k - 1]) || g.prepositions.contains(&lower[k - 1])))
                    && (w.ends_with('t') || w.ends_with("te") || w.ends_with("ten"))
        });
        if finite || g.subordinators.contains(&lower[0]) || lower[0] == "um" {
            continue;
        }
        out.push(rule.finding(s.span, text));
    }
}

/// The other half of principle B: after an abbreviation's period (Corp., Inc., U.S.), the next
/// "sentence" is only a noun phrase, perhaps with a relative clause, and no main verb: "… run
/// by Kiryu Data Corp. The Osaka-based company that maintains the records." The period ended
/// nothing; the appositive belongs to the sentence before. Its words up to the first relative
/// pronoun ("that", "which", "qui", "die" after a comma) hold no finite verb, and neither does
/// the rest if there is no relative clause. Questions and quotations stay silent, and the first
/// half must hold three words.
fn verbless_continuations(cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
    let g = &cx.seg.grammar;
    if g.articles.is_empty() || g.capitalised_nouns {
        return;
    }
    let toks = cx.doc.tokens();
    let text = cx.text();
    let sentences = cx.doc.sentences();
    for i in cut_periods(cx) {
        let (abbr, dot, next) = (&toks[i - 1], &toks[i], &toks[i + 1]);
        let w = cx.tok(next);
        let gap = &text[dot.span().end..next.span().start];
        if gap.contains('\n')
            || !super::is_capitalized(w)
            || !g.articles.contains(&w.to_lowercase())
        {
            continue;
        }
        let Some(k) = sentence_at(sentences, next.span()) else {
            continue;
        };
        let s = &sentences[k];
        let before = cx.doc.slice(Span::new(
            sentences
                .get(k.wrapping_sub(1))
                .map_or(0, |p| p.span.start)
                .min(abbr.span().start),
            abbr.span().start,
        ));
        let stext = cx.doc.slice(s.span);
        if !s.terminated
            || !stext.ends_with('.')
            || has_quote(stext)
            || before.split_whitespace().count() < 3
        {
            continue;
        }
        let half: Vec<&Token> = cx
            .doc
            .sentence_tokens(s)
            .iter()
            .filter(|t| t.span().start >= next.span().start)
            .collect();
        let mut words = Vec::new();
        let mut lower = Vec::new();
        for t in &half {
            if t.is_word() {
                let w = cx.tok(t);
                words.push(w.to_lowercase());
                lower.push(is_lower_initial(w));
            } else if cx.tok(t) == "," {
                // A clause after a comma may hold the verb ("The firm, it said, …").
                words.push(",".to_string());
                lower.push(false);
            }
        }
        let end = words
            .iter()
            .position(|w| {
                w == "," || w == "that" || g.relatives.contains(w) || is_relative(g, w, true)
            })
            .unwrap_or(words.len());
        if end < 2 || words.len() < 3 || words.len() > 20 {
            continue;
        }
        if end < words.len() && words[end] == "," {
            continue;
        }
        let finite = (0..words.len()).any(|k| {
            words[k] != ","
                && (k < end || end == words.len())
                && g.is_finite_verb(&words, k, lower[k], true)
        });
        if !finite {
            let span = abbr.span().cover(next.span());
            out.push(rule.finding(span, span.of(text)));
        }
    }
}
