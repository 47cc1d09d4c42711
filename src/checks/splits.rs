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
use crate::document::{Span, Token, TokenKind};
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
            let mut span = Span::new(first.span.start, s.span.end);
            if let Some(t) = next_word {
                span = span.cover(t.span);
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
        if abbr.kind != TokenKind::Word || cx.tok(dot) != "." || abbr.span.end != dot.span.start {
            continue;
        }
        let a = cx.tok(abbr);
        let w = cx.tok(next);
        if w == "。" && next.span.start == dot.span.end {
            // "Corvane Inc.。负责…": text goes on after the doubled terminator.
            if a.len() >= 2
                && (seg.postpositive.contains(a) || a.contains('.') || seg.ambiguous.contains(a))
                && toks.get(i + 2).is_some_and(|t| t.is_word())
                && toks[i + 2].span.start == next.span.end
            {
                let span = abbr.span.cover(next.span);
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
        let line_break = text[dot.span.end..next.span.start].contains('\n');
        let mut abbr_start = abbr.span.start;
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
            let span = Span::new(abbr_start, next.span.end);
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
/// - it opens with a preposition or attribution marker and has no finite verb: it is only an
///   adverbial ("Even with new quotas on steel in the U.K. It kept …").
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
    for i in 1..toks.len().saturating_sub(1) {
        let (abbr, dot, next) = (&toks[i - 1], &toks[i], &toks[i + 1]);
        if abbr.kind != TokenKind::Word
            || cx.tok(dot) != "."
            || abbr.span.end != dot.span.start
            || next.kind != TokenKind::Word
            || !is_cut_abbreviation(cx, i)
        {
            continue;
        }
        let w = cx.tok(next);
        let line_break = text[dot.span.end..next.span.start].contains('\n');
        let Some(s) = sentences
            .iter()
            .find(|s| s.span.start <= abbr.span.start && abbr.span.end <= s.span.end)
        else {
            continue;
        };
        let lw = w.to_lowercase();
        if line_break
            && is_lower_initial(w)
            && (g.relatives.contains(&lw) || g.auxiliaries.contains(&lw))
        {
            // A line cannot open on a relative pronoun or an auxiliary: the first half is on
            // the line before. (Any lowercase word is too weak: list items start lowercase.)
            let span = abbr.span.cover(dot.span);
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
        let half: Vec<&Token> = toks
            .iter()
            .filter(|t| t.span.start >= s.span.start && t.span.end <= abbr.span.end)
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
        // Across a line break, short lines are list items or headings ("Spouses, etc.").
        if words.len() < 3
            || line_break && words.len() < 7
            || has_quote(cx.doc.slice(Span::new(s.span.start, abbr.span.end)))
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
        let finite = |from: usize, to: usize, short: bool| {
            (from..to).any(|k| g.is_finite_verb(&words, k, lower_cased[k], short))
        };
        let adverbial_opening = g.prepositions.contains(&words[0])
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
            let span = Span::new(half[0].span.start, dot.span.end);
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
        return Some(toks[dot - 1].span.start);
    }
    // A spaced two-part abbreviation: "z. B." is listed as "z.B".
    if dot >= 3 && cx.tok(&toks[dot - 2]) == "." && toks[dot - 3].is_word() {
        let joined = format!("{}.{a}", cx.tok(&toks[dot - 3]));
        if cx.seg.never_final.contains(&joined) && joined.starts_with(char::is_lowercase) {
            return Some(toks[dot - 3].span.start);
        }
    }
    None
}

/// Whether the sentence that starts at `tok` is a question.
fn question_follows(cx: &Context, tok: &Token) -> bool {
    cx.doc
        .sentences()
        .iter()
        .find(|s| s.span.start <= tok.span.start && tok.span.end <= s.span.end)
        .is_some_and(|s| {
            cx.doc
                .slice(s.span)
                .trim_end_matches(['"', '”', '»', ')'])
                .ends_with('?')
        })
}
