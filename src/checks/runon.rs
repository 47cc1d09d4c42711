//! Run-ons: two sentences joined without punctuation.
//!
//! - **Capitalised opener.** A lowercase word followed directly by a capitalised sentence opener
//!   of the target from `openers` and a word that continues a clause ("trusted him It will
//!   help", "ce week-end Les organisateurs"). Words after which a capitalised title or a new
//!   clause may follow (`words`: called, titled, film, that, and …) and the `[grammar]`
//!   title nouns are exceptions, as is an opener followed by another capitalised word ("The
//!   Hague", "Le Monde"): where nouns are capitalised (German) the capitalised word may be a
//!   noun, unless the pair recurs in the document (a name such as "Die Zeit"). Quotes (any
//!   character but a space between the words) and short unterminated lines (headlines, list
//!   items) stay silent.
//! - **Lowercase opener.** The second clause opens with a lowercase determiner or subject
//!   pronoun from `determiners` and is a clause of its own: a short noun phrase (or the
//!   pronoun), possibly an apposition between commas, then a finite verb that is followed by
//!   more of its clause ("… on weekdays the company plans to add …", "… sur les voies la plupart
//!   des dégâts se concentrent …"). The first clause (from the sentence start or the last comma)
//!   must already hold a finite verb, and holds no word of `phrases` (subordinators and verbs
//!   that take a clause without a conjunction: said, that, dass, que), nor a subordinator or
//!   relative pronoun of `[grammar]`. The word before the opener is a content word or a number,
//!   not one of `words` (predeterminers such as "all", and nouns that head a contact clause such
//!   as "way", "time"). In English, where a relative clause may lack its pronoun ("the book the
//!   man wrote"), the second verb must also have its object (a determiner, a pronoun, a number,
//!   a name, "to" + verb, an -ing form) or be an auxiliary that is not followed by a preposition,
//!   so the gap of a contact clause stays silent.
//! - **Space-less scripts** (ja, zh). A predicate ending of `phrases` (した, だ, ます) runs
//!   straight into a topic or connective of `openers` (同社は, しかし) with no 。. In Japanese
//!   the stretch since the last 。 must already hold the topic particle は, which a relative
//!   clause cannot hold ("昨年上場した同社は" is a relative clause on 同社 and stays silent). An
//!   empty `phrases` list accepts any Han or kana character before the opener.

use rustc_hash::FxHashSet;

use super::lowered::Lowered;
use super::{Builder, Context, is_capitalized, is_lower_initial};
use crate::document::{Grammar, Token, TokenKind, tokens::is_cjk};
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

#[derive(Debug)]
pub struct RunOn {
    openers: FxHashSet<String>,
    /// First bytes and lengths of the openers and determiners: most words are neither, and
    /// are told so without hashing them.
    opener_shapes: Shapes,
    determiner_shapes: Shapes,
    /// Openers as written, for space-less scripts.
    cjk_openers: Vec<String>,
    title_words: FxHashSet<String>,
    determiners: FxHashSet<String>,
    /// Words that make a following clause dependent (space-separated scripts), or predicate
    /// endings (space-less scripts).
    phrases: Vec<String>,
    /// The same, as a set, for looking words up.
    phrase_set: FxHashSet<String>,
}

/// English object pronouns: after a verb they show that its object is present.
/// The longest first clause, in tokens, that the lowercase form reads back to its break.
const MAX_CLAUSE: usize = 64;

const OBJECT_PRONOUNS: &[&str] = &["him", "her", "them", "us", "me", "it", "you"];

impl RunOn {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        b.required(&b.spec.openers, "openers")?;
        let openers = Builder::set(&b.spec.openers, false);
        let cjk_openers = openers
            .iter()
            .filter(|o| o.chars().any(is_cjk))
            .cloned()
            .collect();
        let determiners = Builder::set(&b.spec.determiners, false);
        Ok(Self {
            opener_shapes: Shapes::of(&openers),
            determiner_shapes: Shapes::of(&determiners),
            openers,
            cjk_openers,
            title_words: Builder::set(&b.spec.words, true),
            determiners,
            phrases: Builder::lowered(&b.spec.phrases),
            phrase_set: Builder::set(&b.spec.phrases, true),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        if !self.cjk_openers.is_empty() {
            self.run_spaceless(cx, rule, out);
            return;
        }
        let mut buffers = Buffers::default();
        for s in cx.doc.sentences() {
            let toks = cx.doc.sentence_tokens(s);
            // Headlines and list items are not prose.
            if !s.terminated
                && toks
                    .iter()
                    .filter(|t| t.kind != TokenKind::Punct)
                    .take(12)
                    .count()
                    < 12
            {
                continue;
            }
            self.capitalised(cx, toks, rule, out);
            if !self.determiners.is_empty() && !cx.seg.grammar.is_empty() {
                self.lowercase(cx, toks, rule, out, &mut buffers);
            }
        }
    }

    /// Only spaces between two tokens.
    fn spaced(cx: &Context, a: &Token, b: &Token) -> bool {
        let gap = &cx.text()[a.span().end..b.span().start];
        !gap.is_empty() && gap.chars().all(|ch| ch == ' ' || ch == '\u{a0}')
    }

    /// A word that may end a clause before a run-on: lowercase (apostrophes and hyphens inside).
    fn lower_word(w: &str) -> bool {
        w.chars()
            .all(|ch| ch.is_lowercase() || matches!(ch, '\'' | '’' | '-'))
    }

    fn capitalised(&self, cx: &Context, toks: &[Token], rule: &Rule, out: &mut Vec<Finding>) {
        let text = cx.text();
        let g = &cx.seg.grammar;
        for w in toks.windows(3) {
            let [a, b, c] = [&w[0], &w[1], &w[2]];
            if a.kind != TokenKind::Word || b.kind != TokenKind::Word || c.kind != TokenKind::Word {
                continue;
            }
            let wb = cx.tok(b);
            if !self.opener_shapes.may_hold(wb) {
                continue;
            }
            let (wa, wc) = (cx.tok(a), cx.tok(c));
            // Where nouns are capitalised, a noun may end the first sentence ("Besucher Der").
            let noun_end = g.capitalised_nouns
                && is_capitalized(wa)
                && wa.chars().skip(1).all(char::is_lowercase)
                && !self.openers.contains(wa);
            if !self.openers.contains(wb)
                || !(Self::lower_word(wa) || noun_end)
                || g.title_nouns.contains(&wa.to_lowercase())
                || self.title_words.contains(&wa.to_lowercase())
                || !Self::spaced(cx, a, b)
            {
                continue;
            }
            // Where nouns are capitalised (German), the word after the opener may be too,
            // unless the pair recurs in the document: then it is a name ("Die Zeit").
            let third_ok = is_lower_initial(wc)
                || g.capitalised_nouns
                    && is_capitalized(wc)
                    && !wc.chars().skip(1).any(char::is_uppercase)
                    && text.matches(&format!("{wb} {wc}")).count() < 2;
            if !third_ok {
                continue;
            }
            let span = a.span().cover(b.span());
            out.push(
                rule.finding(span, span.of(text))
                    .with_suggestion(Some(format!("{wa}. {wb}"))),
            );
        }
    }

    fn lowercase(
        &self,
        cx: &Context,
        toks: &[Token],
        rule: &Rule,
        out: &mut Vec<Finding>,
        buffers: &mut Buffers,
    ) {
        let g = &cx.seg.grammar;
        let text = cx.text();
        let Buffers {
            lower: lowered,
            first,
            words,
        } = buffers;
        // The lowercase tokens, made when the first candidate opener is found.
        let mut filled = false;
        let is_word = |k: usize| toks.get(k).is_some_and(|t| t.kind == TokenKind::Word);
        let cased_lower = |k: usize| is_lower_initial(cx.tok(&toks[k]));
        for j in 1..toks.len() {
            let (a, b) = (&toks[j - 1], &toks[j]);
            if b.kind != TokenKind::Word {
                continue;
            }
            let wb = cx.tok(b);
            if !self.determiner_shapes.may_hold(wb) {
                continue;
            }
            let wa = cx.tok(a);
            if !self.determiners.contains(wb)
                || !Self::spaced(cx, a, b)
                || !(a.kind == TokenKind::Number
                    || a.kind == TokenKind::Word && Self::lower_word(wa))
                || a.kind == TokenKind::Word
                    && (function_word(g, wa)
                        || g.connectives.contains(wa)
                        || g.time_words.contains(wa)
                        || g.title_nouns.contains(wa)
                        || self.title_words.contains(wa))
            {
                continue;
            }
            if !filled {
                lowered.clear();
                for t in toks {
                    lowered.push(cx.tok(t));
                }
                filled = true;
            }
            let lower: &[String] = lowered.as_slice();
            // The first clause: back to the sentence start or the last clause break, within
            // MAX_CLAUSE tokens. A longer stretch without a break is no clause this check can
            // read (and scanning it for every opener would be quadratic in the sentence).
            let lo = j.saturating_sub(MAX_CLAUSE);
            let start = match (lo..j).rev().find(|&k| {
                toks[k].kind == TokenKind::Punct
                    && matches!(cx.tok(&toks[k]), "," | ";" | ":" | "—" | "–" | "(" | ")")
                    && !digit_group(toks, k)
            }) {
                Some(k) => k + 1,
                None if lo == 0 => 0,
                None => continue,
            };
            first.clear();
            first.extend((start..j).filter(|&k| toks[k].kind != TokenKind::Punct));
            // A word that is also a preposition ("after", "until") makes the clause
            // subordinate only at its start.
            if first.len() < 3
                || first.iter().enumerate().any(|(n, &k)| {
                    self.phrase_set.contains(&lower[k])
                        && (n == 0 || !g.prepositions.contains(&lower[k]))
                        || g.subordinators.contains(&lower[k])
                        || g.relatives.contains(&lower[k])
                })
            {
                continue;
            }
            words.clear();
            for &k in first.iter() {
                words.push(&lower[k]);
            }
            let words = words.as_slice();
            let english = cx.language == "en";
            if english && english_verb_before(g, words) {
                continue;
            }
            // The second clause first: it is read in a few words, the first clause in many.
            let Some(v) = self.second_verb(cx, toks, lower, j) else {
                continue;
            };
            if !self.continues(cx, toks, lower, v) {
                continue;
            }
            // The verb must come before the last word: a verb right before the opener takes it
            // as its object or inverted subject ("hat der Rat", "announced the plan").
            let finite1 = (0..words.len() - 1).any(|i| {
                is_word(first[i])
                    && (finite(g, words, i, cased_lower(first[i]))
                        || english && english_present(g, words, i))
            });
            if !finite1 {
                continue;
            }
            let span = a.span().cover(b.span());
            let mut fix = format!("{wa}. ");
            fix.push_str(&crate::document::tokens::capitalize(wb));
            out.push(rule.finding(span, span.of(text)).with_suggestion(Some(fix)));
        }
    }

    /// The finite verb of a second clause opening at `j`: within a few words of the opener,
    /// after an apposition between commas, with no clause-linking word before it.
    fn second_verb(
        &self,
        cx: &Context,
        toks: &[Token],
        lower: &[String],
        j: usize,
    ) -> Option<usize> {
        let g = &cx.seg.grammar;
        let pronoun = g.pronouns.contains(&lower[j]);
        let mut np_words = 0;
        let mut k = j + 1;
        let mut in_apposition = false;
        let mut appos_words = 0;
        let mut commas = 0;
        while k < toks.len() && k < j + 18 {
            let t = &toks[k];
            let w = &lower[k];
            // A symbol glued inside a word ("dÃ©gÃ¢ts") is damage, not punctuation.
            let glued = k + 1 < toks.len()
                && toks[k - 1].span().end == t.span().start
                && toks[k + 1].span().start == t.span().end
                && !matches!(cx.tok(t), "," | "." | ";" | ":");
            if t.kind == TokenKind::Punct && (digit_group(toks, k) || glued) {
                // The piece after it belongs to the same word.
                k += 2;
                continue;
            }
            if t.kind == TokenKind::Punct {
                if cx.tok(t) == "," {
                    in_apposition = true;
                    commas += 1;
                    appos_words = 0;
                    k += 1;
                    continue;
                }
                return None;
            }
            // A second determiner before the verb: the first one's phrase was an object.
            if !in_apposition && self.determiners.contains(w) {
                return None;
            }
            let words = &lower[j..=k];
            let cased = is_lower_initial(cx.tok(t));
            // An apposition is closed by a second comma; a verb after a single comma is an
            // inserted reporting clause (", a précisé la mairie").
            let after_comma = in_apposition && commas >= 2 && cx.tok(&toks[k - 1]) == ",";
            if t.kind == TokenKind::Word
                && (finite(g, words, words.len() - 1, cased)
                    || cx.language == "en" && english_present(g, lower, k))
                && (!in_apposition || after_comma)
                && self.plain_finite(cx, w)
            {
                // A determiner needs its noun: an article right before the verb is an object
                // clitic ("les policiers la recherchent").
                if np_words == 0 && !pronoun {
                    return None;
                }
                return Some(k);
            }
            if g.conjunctions.contains(w)
                || g.relatives.contains(w)
                || g.subordinators.contains(w)
                || self.phrase_set.contains(w)
            {
                return None;
            }
            if in_apposition {
                appos_words += 1;
                if appos_words > 7 {
                    return None;
                }
            } else {
                np_words += 1;
                // A pronoun is the whole subject; a noun phrase is short.
                if pronoun && np_words > 1 || np_words > 5 {
                    return None;
                }
            }
            k += 1;
        }
        None
    }

    /// Finite forms that cannot be something else in this slot: in German, a participle
    /// ("ge…t") or an infinitive in "-en" is not a finite verb unless it is listed.
    fn plain_finite(&self, cx: &Context, w: &str) -> bool {
        let g = &cx.seg.grammar;
        if !g.capitalised_nouns || g.auxiliaries.contains(w) || g.verbs.contains(w) {
            return true;
        }
        !w.starts_with("ge") && (w.ends_with("te") || w.ends_with("ten") || w.ends_with("tet"))
    }

    /// Whether the clause goes on after its verb at `v`. English needs the verb's object (no
    /// contact-clause gap); German a lowercase word (not a verb cluster); other languages any
    /// word that is not a conjunction.
    fn continues(&self, cx: &Context, toks: &[Token], lower: &[String], v: usize) -> bool {
        let g = &cx.seg.grammar;
        let next = v + 1;
        if !toks.get(next).is_some_and(|t| t.kind != TokenKind::Punct)
            || g.conjunctions.contains(&lower[next])
        {
            return false;
        }
        if g.capitalised_nouns {
            return is_lower_initial(cx.tok(&toks[next]))
                && !g.auxiliaries.contains(&lower[next])
                && !g.verbs.contains(&lower[next]);
        }
        if cx.language != "en" {
            return true;
        }
        let mut k = next;
        if g.auxiliaries.contains(&lower[v]) {
            // An auxiliary: skip adverbs and further auxiliaries to the main verb.
            let mut last = lower[v].as_str();
            while k < toks.len()
                && toks[k].kind == TokenKind::Word
                && (g.auxiliaries.contains(&lower[k])
                    || matches!(
                        lower[k].as_str(),
                        "not" | "also" | "still" | "already" | "now" | "been" | "being" | "be"
                    ))
            {
                last = lower[k].as_str();
                k += 1;
            }
            if k >= toks.len() || toks[k].kind == TokenKind::Punct {
                return false;
            }
            if g.prepositions.contains(&lower[k]) || g.conjunctions.contains(&lower[k]) {
                return false;
            }
            // After a form of "be", a participle or adjective makes a complete passive or
            // copular clause when anything follows; after "have" or a modal, the main verb
            // needs its object like any other.
            let be = matches!(
                last,
                "is" | "are" | "was" | "were" | "be" | "been" | "being"
            );
            return if be {
                toks.get(k + 1).is_some_and(|t| t.kind != TokenKind::Punct)
            } else {
                english_object(cx, toks, lower, k + 1, 1)
            };
        }
        english_object(cx, toks, lower, k, 1)
    }

    fn run_spaceless(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let text = cx.text();
        for opener in &self.cjk_openers {
            for (at, _) in text.match_indices(opener.as_str()) {
                let before = &text[..at];
                let Some(prev) = before.chars().next_back() else {
                    continue;
                };
                if !is_cjk(prev) {
                    continue;
                }
                let ending = if self.phrases.is_empty() {
                    Some(prev.len_utf8())
                } else {
                    self.phrases
                        .iter()
                        .filter(|p| before.ends_with(p.as_str()))
                        .map(String::len)
                        .max()
                };
                let Some(len) = ending else {
                    continue;
                };
                // The clause before must be a main clause: since the last full stop it holds
                // the topic particle は (Japanese), which a relative clause cannot.
                let since = before
                    .rfind(['。', '！', '？', '\n'])
                    .map_or(before, |i| &before[i..]);
                let stem = &since[..since.len() - len];
                if stem.chars().filter(|&c| is_cjk(c)).count() < 4 {
                    continue;
                }
                if cx.language == "ja" && !stem.contains('は') {
                    continue;
                }
                let start = at - len;
                let end = at + opener.len();
                let span = crate::document::Span::new(start, end);
                out.push(rule.finding(span, span.of(text)));
            }
        }
    }
}

/// Buffers of the lowercase form, reused from sentence to sentence.
#[derive(Default)]
struct Buffers {
    /// The lowercase tokens of the sentence.
    lower: Lowered,
    /// Token indices of the words of the first clause.
    first: Vec<usize>,
    /// Their lowercase forms.
    words: Lowered,
}

/// The first bytes and lengths of the words of a set: a word whose first byte and length no
/// member has is not a member. One bit per first byte and length (lengths from 16 share one).
#[derive(Debug)]
struct Shapes {
    bits: Box<[[u64; 4]; 17]>,
}

impl Shapes {
    fn of(set: &FxHashSet<String>) -> Self {
        let mut bits = Box::new([[0u64; 4]; 17]);
        for w in set {
            if let Some(&c) = w.as_bytes().first() {
                bits[w.len().min(16)][usize::from(c >> 6)] |= 1 << (c & 63);
            }
        }
        Self { bits }
    }

    /// False when no word of the set has the first byte and length of `w`.
    fn may_hold(&self, w: &str) -> bool {
        match w.as_bytes().first() {
            Some(&c) => self.bits[w.len().min(16)][usize::from(c >> 6)] >> (c & 63) & 1 == 1,
            None => true,
        }
    }
}

/// [`Grammar::is_function_word`], without copying a word that has no capital or non-ASCII
/// letter to lowercase it: nearly all words of English text.
fn function_word(g: &Grammar, w: &str) -> bool {
    if w.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        return g.is_function_word(w);
    }
    [
        &g.articles,
        &g.pronouns,
        &g.prepositions,
        &g.conjunctions,
        &g.auxiliaries,
        &g.subordinators,
        &g.relatives,
    ]
    .iter()
    .any(|s| s.contains(w))
}

/// A comma or period between digits with no space ("3,412"): part of a number.
fn digit_group(toks: &[Token], k: usize) -> bool {
    k > 0
        && toks[k - 1].kind == TokenKind::Number
        && toks[k - 1].span().end == toks[k].span().start
        && toks
            .get(k + 1)
            .is_some_and(|n| n.kind == TokenKind::Number && n.span().start == toks[k].span().end)
}

/// A finite verb by the `[grammar]` lists and endings; an ending of one letter counts only when
/// it is accented (Spanish "-ó"): plain one-letter endings ("-s", "-t") mark nouns as often.
fn finite(g: &Grammar, words: &[String], i: usize, cased_lower: bool) -> bool {
    if g.is_finite_verb(words, i, cased_lower, false) {
        return true;
    }
    let w = &words[i];
    cased_lower
        && w.chars().count() >= 4
        && !function_word(g, w)
        && (i == 0
            || !g.articles.contains(&words[i - 1]) && !g.prepositions.contains(&words[i - 1]))
        && g.verb_endings
            .iter()
            .any(|e| e.chars().count() == 1 && !e.is_ascii() && w.ends_with(e.as_str()))
}

/// English: a present-tense verb in "-s" between its subject and a determiner ("Kuznetsov
/// denies the charges"): after a word that is not a determiner or preposition, before one.
fn english_present(g: &Grammar, words: &[String], i: usize) -> bool {
    let w = &words[i];
    i > 0
        && w.len() >= 4
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("'s")
        && !function_word(g, w)
        && !g.articles.contains(&words[i - 1])
        && !g.prepositions.contains(&words[i - 1])
        && words.get(i + 1).is_some_and(|n| {
            g.articles.contains(n) || n == "to" || n.starts_with(|c: char| c.is_ascii_digit())
        })
}

/// English: whether the last word of the first clause is a verb that takes the following
/// phrase as its object ("to curb the development", "we see these", "had indicated it"): an
/// -ing form; an -ed form not after a form of "be"; a word after "to", an auxiliary or a subject
/// pronoun (adverbs skipped).
fn english_verb_before(g: &Grammar, words: &[String]) -> bool {
    let n = words.len();
    let a = &words[n - 1];
    let mut k = n - 1;
    while k > 0
        && matches!(
            words[k - 1].as_str(),
            "never"
                | "really"
                | "also"
                | "not"
                | "just"
                | "still"
                | "even"
                | "only"
                | "then"
                | "often"
                | "already"
        )
    {
        k -= 1;
    }
    let prev = (k > 0).then(|| words[k - 1].as_str());
    let be =
        prev.is_some_and(|p| matches!(p, "is" | "are" | "was" | "were" | "be" | "been" | "being"));
    if a.ends_with("ing") || a.ends_with("ed") && !be {
        return true;
    }
    prev.is_some_and(|p| {
        p == "to"
            || g.auxiliaries.contains(p) && !be
            || g.pronouns.contains(p)
            || g.conjunctions.contains(p)
    })
}

/// Time words that, after "this", "last" or "next", make an adverbial, not an object.
const TIME_NOUNS: &[&str] = &[
    "week",
    "weekend",
    "month",
    "year",
    "season",
    "morning",
    "afternoon",
    "evening",
    "night",
    "day",
    "time",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Adverbs that can close a clause with a gap ("the deal the firm signed again").
const CLOSING_ADVERBS: &[&str] = &[
    "well",
    "again",
    "too",
    "back",
    "there",
    "here",
    "then",
    "now",
    "today",
    "yesterday",
    "tomorrow",
    "earlier",
    "later",
    "recently",
    "so",
    "also",
    "ago",
    "out",
    "up",
    "down",
    "off",
    "away",
    "together",
    "first",
    "last",
    "instead",
    "anyway",
    "either",
    "yet",
    "before",
];

/// English: whether the verb before token `k` has its object or complement there: a
/// determiner, an object pronoun, a number, a name, "to" + a verb that has one, or an -ing form.
fn english_object(cx: &Context, toks: &[Token], lower: &[String], k: usize, depth: u8) -> bool {
    let g: &Grammar = &cx.seg.grammar;
    let Some(t) = toks.get(k) else {
        return false;
    };
    let w = lower[k].as_str();
    match t.kind {
        TokenKind::Number => true,
        TokenKind::Punct => false,
        TokenKind::Word => {
            if w == "to" {
                return depth > 0
                    && toks.get(k + 1).is_some_and(Token::is_word)
                    && english_object(cx, toks, lower, k + 2, depth - 1);
            }
            if matches!(w, "this" | "last" | "next" | "every" | "each")
                && lower
                    .get(k + 1)
                    .is_some_and(|n| TIME_NOUNS.contains(&n.as_str()))
            {
                return false;
            }
            if g.articles.contains(w)
                || OBJECT_PRONOUNS.contains(&w)
                || w.ends_with("ing")
                || is_capitalized(cx.tok(t))
            {
                return true;
            }
            // A preposition, conjunction, relative or closing adverb right after the verb: the
            // object may be the gap of a relative clause without a pronoun.
            !(g.prepositions.contains(w)
                || g.conjunctions.contains(w)
                || g.relatives.contains(w)
                || g.subordinators.contains(w)
                || CLOSING_ADVERBS.contains(&w)
                || w == "that")
        }
    }
}
