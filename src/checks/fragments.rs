//! Sentences and paragraphs that stop before they are complete.
//!
//! - `dangling-fragment`: a sentence that cannot stand alone. It ends, right before its full
//!   stop, on a word that cannot end a sentence (`words`: the, of, because …) or a phrase that
//!   cannot (`phrases`: "that there was"); or, from the language's `[grammar]` data, it is only
//!   - an attribution frame: it opens with an attribution marker ("According to", "Selon",
//!     "Laut", "Según", "Citing") and has no comma, no auxiliary and no reporting verb before
//!     its end ("According to the operator.");
//!   - a reporting clause with nothing reported: a short subject and a reporting verb, at most a
//!     prepositional phrase after it ("The ministry said on Monday.");
//!   - a bare subordinate or relative clause: it opens with a subordinator or a relative pronoun
//!     and has no comma ("Although the count is not final.", "Qui touche les enfants.");
//!   - a prepositional phrase with no finite verb, in a paragraph of more than one sentence
//!     ("In the north of the city.");
//!   - a lone connective ("Moreover.");
//!   - in Japanese and Chinese, a sentence that opens with a particle or quotative
//!     (「と述べた。」), ends on a case particle or connective before its 。, or is a subject and
//!     a reporting verb with nothing reported (「公司在声明中表示。」).
//!
//!   Sentences with quotation marks (tails such as "…," she said.), questions, exclamations
//!   and passives (an auxiliary before the reporting verb) stay silent.
//! - `truncation`: a paragraph that stops mid-sentence. Any prose paragraph (not the headline,
//!   a list item, a caption, a byline or a label) whose last sentence has no terminator: when it
//!   ends on a function word of `words` or of the grammar, a comma or a cut hyphen; when an
//!   earlier sentence of the paragraph was closed; or when it is long prose (at least `min`
//!   words, with function words). A last word that is a number, a unit or an acronym needs the
//!   first kind of evidence.

use rustc_hash::FxHashSet;

use super::lowered::Lowered;
use super::{Builder, Context};
use crate::document::{Grammar, Paragraph, Sentence, Token, TokenKind, tokens::is_cjk};
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

#[derive(Debug)]
pub struct Dangling {
    words: FxHashSet<String>,
    phrases: Vec<Vec<String>>,
    /// The most words of a phrase: how many last words `phrases` read.
    longest_phrase: usize,
    /// The last words of the phrases, and whether one ends on a placeholder: a sentence whose
    /// last word is none of these ends no phrase.
    phrase_ends: FxHashSet<String>,
    placeholder_end: bool,
}

/// Quotation marks of every target language.
const QUOTES: &[char] = &[
    '"', '“', '”', '„', '«', '»', '「', '」', '『', '』', '‘', '‚', '‹', '›',
];

fn has_quote(text: &str) -> bool {
    // All but '"' are non-ASCII: a text of other ASCII bytes is decided without decoding it.
    text.bytes().any(|b| b == b'"' || !b.is_ascii()) && text.contains(QUOTES)
}

/// Whether `words` ends with the phrase `p`, whose words may be placeholders: `{report}` stands
/// for any one-word reporting verb of the grammar ("said", "told"), `*` for any word. "{report}
/// * that" matches "told investors that".
fn ends_with_pattern(g: &Grammar, words: &[String], p: &[String]) -> bool {
    if p.len() > words.len() {
        return false;
    }
    let tail = &words[words.len() - p.len()..];
    // From the last word back: most phrases fail on it.
    tail.iter().zip(p).rev().all(|(w, q)| match q.as_str() {
        "*" => true,
        "{report}" => g.reporting_verbs.iter().any(|v| v.len() == 1 && v[0] == *w),
        _ => w == q,
    })
}

/// The length in words of the subordinator or relative pronoun that opens `words`, if one does:
/// one word ("although", "qui") or several ("bien que", "puesto que").
fn opening_subordinator(g: &Grammar, words: &[String]) -> Option<usize> {
    if g.subordinators.contains(&words[0]) || g.relatives.contains(&words[0]) {
        return Some(1);
    }
    g.subordinators
        .iter()
        .filter(|s| s.contains(' '))
        .find_map(|s| {
            let len = s.split(' ').count();
            (len < words.len() && s.split(' ').zip(words).all(|(a, b)| a == b)).then_some(len)
        })
}

/// Whether `words` starts with the phrase `p`.
fn starts_with_phrase(words: &[String], p: &[String]) -> bool {
    words.len() >= p.len() && words[..p.len()] == *p
}

/// Chinese words that end in a character that is also a trailing particle (存在 ends in 在, 参与
/// in 与): a sentence may end on them.
const PARTICLE_COMPOUNDS: &[&str] = &[
    "存在", "现在", "实在", "所在", "自在", "好在", "面对", "相对", "绝对", "反对", "平和", "温和",
    "缓和", "参与", "数据", "证据", "依据", "占据",
];

/// Hiragana and katakana.
fn is_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}')
}

/// A German pronominal adverb (da(r) + preposition: darüber, davon, damit) stands for the object
/// of the verb before it: "berichtete darüber" reports something.
fn pronominal_adverb(g: &Grammar, w: &str) -> bool {
    g.capitalised_nouns
        && (w.strip_prefix("dar").or_else(|| w.strip_prefix("da"))).is_some_and(|rest| {
            g.prepositions.contains(rest)
                || matches!(rest, "über" | "auf" | "an" | "aus" | "um" | "unter" | "in")
        })
}

/// The index just after a reporting verb in `words` (the last occurrence), if any.
fn reporting_end(g: &Grammar, words: &[String]) -> Option<usize> {
    (0..words.len()).rev().find_map(|i| {
        g.reporting_verbs
            .iter()
            .find(|p| i + p.len() <= words.len() && words[i..i + p.len()] == ***p)
            .map(|p| i + p.len())
    })
}

impl Dangling {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        let phrases: Vec<Vec<String>> = b
            .spec
            .phrases
            .iter()
            .flatten()
            .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
            .filter(|p: &Vec<String>| !p.is_empty())
            .collect();
        let words = Builder::set(&b.spec.words, true);
        let longest_phrase = phrases.iter().map(Vec::len).max().unwrap_or(0);
        let ends = phrases.iter().filter_map(|p| p.last());
        let placeholder_end = ends.clone().any(|w| w == "*" || w == "{report}");
        let phrase_ends = ends.cloned().collect();
        Ok(Self {
            words,
            phrases,
            longest_phrase,
            phrase_ends,
            placeholder_end,
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let g = &cx.seg.grammar;
        // Lowercase words and their casing, reused from sentence to sentence.
        let mut words = Lowered::default();
        let mut lower: Vec<bool> = Vec::new();
        for s in cx.doc.sentences() {
            let toks = cx.doc.sentence_tokens(s);
            let n = toks.len();
            if n < 2 || !s.terminated {
                continue;
            }
            let text = cx.doc.slice(s.span);
            if !text.is_ascii() && (text.contains('。') || text.contains('．')) {
                // A tail after a closed quotation (“…。”他表示。) is not a fragment.
                let after_quote = cx.text()[..s.span.start]
                    .trim_end()
                    .ends_with(['”', '」', '』', '"', '»']);
                if !after_quote && self.cjk_fragment(cx, text) {
                    out.push(rule.finding(s.span, text));
                }
                continue;
            }
            // "… word." with the period directly after the word.
            if cx.tok(&toks[n - 1]) != "." || toks[n - 2].kind != TokenKind::Word {
                continue;
            }
            let body = &toks[..n - 1];
            let count = body.iter().filter(|t| t.kind != TokenKind::Punct).count();
            if count == 0 {
                continue;
            }
            // The last word (the word before the stop), then, if a phrase may end on it, as
            // many last words as the longest phrase.
            let last_tok = cx.tok(&toks[n - 2]);
            words.clear();
            words.push(last_tok);
            let last = &words.as_slice()[0];
            // Closed-class words are matched as written: lowercase, so that a capital ("vitamin
            // A") is read as a symbol, not an article.
            let by_word = self.words.contains(last) && last_tok == last.as_str();
            let phrase_may_end = self.placeholder_end || self.phrase_ends.contains(last);
            let ends_badly = count >= 2
                && (by_word
                    || phrase_may_end && {
                        let tail = count.min(self.longest_phrase.max(1));
                        words.clear();
                        for t in body
                            .iter()
                            .filter(|t| t.kind != TokenKind::Punct)
                            .skip(count - tail)
                        {
                            words.push(cx.tok(t));
                        }
                        let last_words = words.as_slice();
                        self.phrases
                            .iter()
                            .any(|p| p.len() < count && ends_with_pattern(g, last_words, p))
                    });
            if ends_badly {
                out.push(rule.finding(s.span, text));
                continue;
            }
            if !frame_candidate(g, cx, toks) || has_quote(text) {
                continue;
            }
            words.clear();
            lower.clear();
            for t in body.iter().filter(|t| t.kind != TokenKind::Punct) {
                let w = cx.tok(t);
                words.push(w);
                lower.push(super::is_lower_initial(w));
            }
            let alone = cx.doc.paragraphs()[s.paragraph].sentences.len() == 1;
            if frame_fragment(g, cx, toks, words.as_slice(), &lower, alone) {
                out.push(rule.finding(s.span, text));
            }
        }
    }

    /// A Japanese or Chinese sentence that opens with a particle, ends on one, or reports
    /// nothing.
    fn cjk_fragment(&self, cx: &Context, text: &str) -> bool {
        let g = &cx.seg.grammar;
        let body = text.trim_end_matches(['。', '．']);
        if body.is_empty() || body.chars().count() < 2 || has_quote(text) {
            return false;
        }
        if g.leading_particles
            .iter()
            .any(|p| body.starts_with(p.as_str()))
        {
            return true;
        }
        // Where the quotative と is a leading particle, と before a kanji verb stem opens the
        // tail of a cut report whatever the verb (と付け加えた, と訴えた, と批判した); words that
        // begin with と are written in kana (ところが, とはいえ, ともに).
        let mut chars = body.chars();
        if chars.next() == Some('と')
            && chars.next().is_some_and(|c| is_cjk(c) && !is_kana(c))
            && g.leading_particles.iter().any(|p| p.starts_with('と'))
        {
            return true;
        }
        if g.trailing_particles
            .iter()
            .any(|p| body.ends_with(p.as_str()))
            && !PARTICLE_COMPOUNDS.iter().any(|w| body.ends_with(w))
        {
            return true;
        }
        // Subject + reporting verb, nothing reported: no comma before the verb.
        let _ = cx;
        !body.contains(['，', '、', ',', '：', ':'])
            && g.reporting_verbs
                .iter()
                .any(|p| p.len() == 1 && body.ends_with(p[0].as_str()))
    }
}

/// Whether a sentence may be a frame fragment at all: the language has closed-class data, the
/// sentence has no clause break (comma, semicolon, colon, dash) and opens with a capitalised
/// word.
fn frame_candidate(g: &Grammar, cx: &Context, toks: &[Token]) -> bool {
    if g.articles.is_empty() && g.pronouns.is_empty() {
        return false;
    }
    let comma = toks
        .iter()
        .any(|t| t.kind == TokenKind::Punct && matches!(cx.tok(t), "," | ";" | ":" | "—" | "–"));
    if comma {
        return false;
    }
    let first_tok = toks.iter().find(|t| t.kind == TokenKind::Word);
    // The first word must be written like a sentence opener (capitalised), not a symbol.
    first_tok.is_some_and(|t| super::is_capitalized(cx.tok(t)))
}

/// An attribution frame, a reporting clause with nothing reported, a bare subordinate or
/// relative clause, or a lone connective, in a sentence that passed [`frame_candidate`]:
/// `words` are its lowercase words (the final stop aside), `lower` whether each was written
/// lowercase.
fn frame_fragment(
    g: &Grammar,
    cx: &Context,
    toks: &[Token],
    words: &[String],
    lower: &[bool],
    alone: bool,
) -> bool {
    // A lone connective: "Moreover."
    if words.len() <= 2 && g.connectives.contains(&words[0]) {
        return true;
    }
    // A marker and a one-word source: "Laut Polizei.", "D'après Météo-France."
    if words.len() == 2
        && g.attribution
            .iter()
            .any(|p| p.len() == 1 && p[0] == words[0])
        && !lower[1]
        && !g.is_function_word(&words[1])
    {
        return true;
    }
    if words.len() < 3 {
        return false;
    }
    let has_aux = words[1..].iter().any(|w| g.auxiliaries.contains(w));
    let report = reporting_end(g, words);
    // What follows the reporting verb: nothing, or a short prepositional phrase ("on Monday",
    // "earlier"), never an object or a clause.
    let nothing_reported = report.is_some_and(|end| {
        let tail = &words[end..];
        tail.is_empty()
            || tail.len() <= 3
                && g.prepositions.contains(&tail[0])
                && !tail.iter().any(|w| g.pronouns.contains(w))
            || tail.len() == 1 && !g.is_function_word(&tail[0]) && !pronominal_adverb(g, &tail[0])
    });
    // 1. An attribution frame.
    if let Some(p) = g.attribution.iter().find(|p| starts_with_phrase(words, p)) {
        let rest = &words[p.len()..];
        // Where nouns are capitalised, a lowercase content word after the frame is a verb or
        // an adjective of a clause ("Laut dem Amt bleibt das Bad zu").
        if g.capitalised_nouns {
            let rest_toks: Vec<&str> = toks
                .iter()
                .filter(|t| t.kind == TokenKind::Word)
                .map(|t| cx.tok(t))
                .skip(p.len())
                .collect();
            let clause = rest_toks.iter().any(|w| {
                super::is_lower_initial(w)
                    && !g.is_function_word(w)
                    && !g.reporting_verbs.iter().any(|v| v.len() == 1 && v[0] == *w)
            });
            if clause {
                return false;
            }
        }
        // A reporting verb right after the marker belongs to the frame ("Según informó la
        // Guardia Civil en un comunicado.", "As reported by the agency on Monday.").
        let frame_verb = report.is_some_and(|end| end <= p.len() + 2);
        return !rest.is_empty()
            && !has_aux
            && words.len() <= 14
            && !rest.iter().any(|w| g.pronouns.contains(w))
            && (frame_verb || report.is_none_or(|end| end + 3 >= words.len()));
    }
    // 2. A bare subordinate or relative clause: one clause, so at most one finite verb after
    // the subordinator; two ("While prices rose in May they fell in June") are a subordinate
    // clause and a main clause that lost their comma.
    if let Some(k) = opening_subordinator(g, words) {
        // A verb group ("will not be certified") counts once: a finite word within three words
        // of the one before it belongs to the same group, unless a subject (an article, a
        // pronoun or a name) stands between them ("failed the port lost").
        let verbs: Vec<usize> = (k..words.len())
            .filter(|&i| g.is_finite_verb(words, i, lower[i], false))
            .collect();
        let groups = verbs
            .iter()
            .enumerate()
            .filter(|&(j, &i)| {
                j == 0
                    || i - verbs[j - 1] > 3
                    || (verbs[j - 1] + 1..i).any(|m| {
                        g.articles.contains(&words[m])
                            || g.pronouns.contains(&words[m])
                            || !lower[m]
                    })
            })
            .count();
        return groups <= 1;
    }
    // 3. A prepositional phrase alone: it opens with a preposition and has no finite verb
    // ("In the north of the city."); headings and captions (a paragraph of one sentence) stay
    // silent.
    if !alone
        && g.prepositions.contains(&words[0])
        && words.len() <= 10
        && report.is_none()
        && !(0..words.len()).any(|k| g.is_finite_verb(words, k, lower[k], false))
    {
        return true;
    }
    // 4. A short subject and a reporting verb, nothing reported, no auxiliary (passives).
    if let Some(end) = report {
        let verb_at = end - 1;
        return nothing_reported
            && !has_aux
            && verb_at <= 5
            && !g.pronouns.contains(&words[0])
            && !words[..verb_at]
                .iter()
                .any(|w| g.subordinators.contains(w) || g.relatives.contains(w));
    }
    false
}

#[derive(Debug)]
pub struct Truncation {
    words: FxHashSet<String>,
    min_words: usize,
}

/// List bullets and numbering that open a list item.
fn is_list_item(text: &str) -> bool {
    let t = text.trim_start();
    if t.starts_with([
        '-', '•', '*', '·', '▶', '►', '■', '□', '◆', '○', '●', '・', '—', '–', '>',
    ]) {
        return true;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && t[digits..].starts_with(['.', ')', '、', '．'])
}

impl Truncation {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            words: Builder::set(&b.spec.words, true),
            min_words: b.spec.min.unwrap_or(12),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let paragraphs = cx.doc.paragraphs();
        // The headline is the first paragraph with words.
        let first_prose = paragraphs.iter().position(|p| {
            cx.doc
                .paragraph_sentences(p)
                .iter()
                .any(|s| !s.tokens.is_empty())
        });
        // A text with more than a third of its paragraphs unterminated is a list or a form.
        // Counted: paragraphs of six words or more that are not list items or labels.
        let body: Vec<&Paragraph> = paragraphs
            .iter()
            .skip(first_prose.map_or(0, |i| i + 1))
            .filter(|p| {
                let t = cx.doc.slice(p.span);
                let words = cx
                    .doc
                    .paragraph_sentences(p)
                    .iter()
                    .flat_map(|s| cx.doc.sentence_tokens(s))
                    .filter(|t| t.kind == TokenKind::Word)
                    .take(6)
                    .count();
                words >= 6 && !is_list_item(t) && !is_labelled(t)
            })
            .collect();
        let unterminated = body
            .iter()
            .filter(|p| {
                let ss = cx.doc.paragraph_sentences(p);
                ss.last().is_some_and(|s| !s.terminated)
            })
            .count();
        let counted = body.len();
        if counted >= 4 && unterminated * 3 > counted {
            return;
        }
        // The body begins at the first closed sentence.
        let mut body_started = false;
        let mut first_word = Lowered::default();
        for (pi, p) in paragraphs.iter().enumerate() {
            // Only a paragraph whose last sentence is open and long enough can be cut.
            let open = cx
                .doc
                .paragraph_sentences(p)
                .last()
                .is_some_and(|s| !s.terminated && cx.doc.sentence_tokens(s).len() >= 4);
            // A next line that opens with a conjunction or a connective ("Or, …") carries on
            // the sentence across the line break.
            let carried_on = open
                && paragraphs.get(pi + 1).is_some_and(|n| {
                    cx.doc
                        .paragraph_sentences(n)
                        .first()
                        .and_then(|s| cx.doc.sentence_tokens(s).iter().find(|t| t.is_word()))
                        .is_some_and(|t| {
                            first_word.clear();
                            first_word.push(cx.tok(t));
                            let w = &first_word.as_slice()[0];
                            let g = &cx.seg.grammar;
                            g.conjunctions.contains(w) || g.connectives.contains(w)
                        })
                });
            if !open || carried_on {
                body_started |= cx.doc.paragraph_sentences(p).iter().any(|s| s.terminated);
                continue;
            }
            if let Some(f) = self.truncated(cx, p, Some(pi) == first_prose, body_started) {
                out.push(rule.finding(f.span(), f.span().of(cx.text())));
            }
            body_started |= cx.doc.paragraph_sentences(p).iter().any(|s| s.terminated);
        }
    }

    fn truncated(
        &self,
        cx: &Context,
        p: &Paragraph,
        headline: bool,
        body_started: bool,
    ) -> Option<Token> {
        let sentences = cx.doc.paragraph_sentences(p);
        let s: &Sentence = sentences.last()?;
        let toks = cx.doc.sentence_tokens(s);
        if s.terminated || toks.len() < 4 {
            return None;
        }
        let ptext = cx.doc.slice(p.span);
        if is_list_item(ptext) || is_labelled(ptext) {
            return None;
        }
        let last = &toks[toks.len() - 1];
        let before = &toks[toks.len() - 2];
        let lw = cx.tok(last);
        let g = &cx.seg.grammar;
        // Strong evidence: a comma, a cut hyphen, a function word.
        match lw {
            "," | "、" | "，" if before.kind != TokenKind::Punct => return Some(*last),
            "-" | "‐"
                if before.kind == TokenKind::Word && before.span().end == last.span().start =>
            {
                return Some(Token::new(
                    before.span().cover(last.span()),
                    TokenKind::Word,
                ));
            }
            _ => {}
        }
        if last.kind == TokenKind::Punct {
            return None; // ends on a colon, a semicolon, a bracket, a dash
        }
        if before.span().end == last.span().start && cx.tok(before) == "." || lw.contains('.') {
            return None; // a domain name or a file name ("Chinanews.com")
        }
        let cjk = lw.chars().next().is_some_and(is_cjk);
        // A headline is furniture, not prose: Japanese and Chinese headlines end on a particle
        // by convention ("稼働へ").
        if headline && cjk {
            return None;
        }
        let function_word = if cjk {
            g.trailing_particles.iter().any(|w| {
                let body = cx.doc.slice(s.span);
                body.ends_with(w.as_str())
            })
        } else {
            // As written: lowercase (an all-caps or capitalised word is a symbol or a name).
            // Pronouns and auxiliaries may end a clause ("who we are").
            lw.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_lowercase)
                && (self.words.contains(lw)
                    || [
                        &g.articles,
                        &g.prepositions,
                        &g.conjunctions,
                        &g.subordinators,
                        &g.relatives,
                    ]
                    .iter()
                    .any(|set| set.contains(lw)))
        };
        if function_word {
            return Some(*last);
        }
        if headline {
            return None;
        }
        // A number, a unit or an acronym at the end needs the strong evidence above.
        if last.kind != TokenKind::Word
            || (!cjk
                && !lw.chars().next().is_some_and(char::is_lowercase)
                && (!g.capitalised_nouns || lw.chars().skip(1).any(char::is_uppercase)))
            || lw.chars().filter(|c| c.is_alphabetic()).count() <= 2 && !cjk
        {
            return None;
        }
        let words: Vec<&str> = toks
            .iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| cx.tok(t))
            .collect();
        // A short last stretch, or one that opens with a label, is a credit or a caption
        // ("Foto: …/dpa", "本报记者 … 摄"), not a cut sentence.
        let stext = cx.doc.slice(s.span);
        if is_labelled(stext) || words.len() < if cjk { 12 } else { 6 } {
            return None;
        }
        // An earlier sentence of the paragraph was closed: the last one was cut.
        if sentences.len() >= 2 && sentences[sentences.len() - 2].terminated {
            return Some(*last);
        }
        // Long prose, once the body has begun (a deck under the headline is not prose):
        // enough words, with function words, and (ja/zh) a clause comma.
        if !body_started {
            return None;
        }
        if cjk {
            let body = cx.doc.slice(s.span);
            return (body.chars().filter(|c| is_cjk(*c)).count() >= 2 * self.min_words
                && body.contains(['，', '、']))
            .then_some(*last);
        }
        let function_words = words.iter().filter(|w| g.is_function_word(w)).count();
        (words.len() >= self.min_words && function_words >= 2).then_some(*last)
    }
}

/// A paragraph that opens with a label ("Photo:", "Caption:", "写真：", "Von …"): furniture.
fn is_labelled(text: &str) -> bool {
    // 24 characters: 24 bytes when those are ASCII.
    let end = if text.len() <= 24 || text.as_bytes()[..24].is_ascii() {
        text.len().min(24)
    } else {
        text.char_indices().nth(24).map_or(text.len(), |(i, _)| i)
    };
    let head = &text[..end];
    match head.find([':', '：']) {
        Some(i) => head[..i].split_whitespace().count() <= 3,
        None => false,
    }
}
