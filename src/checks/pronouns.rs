//! `pronoun-drift`: a gendered pronoun that contradicts the one the document consistently uses
//! for the person it most plausibly refers to ("if Donald Trump is elected, I'm going to work
//! with her", where Trump is "he" throughout).
//!
//! Conservative by design, since a false alarm costs more than a miss:
//! - a person's pronoun is established from gendered honorifics ("Mr.", "Ms."), from pronouns
//!   after their name in sentences that mention no other person, and from the subject pronoun
//!   opening the next sentence: at least `min` uses (default 3), at most one contrary per three,
//!   the pronoun under test left out of the count;
//! - a sentence that opens with a pronoun is checked against the one person named in the
//!   sentence before, when nothing else there could be the referent;
//! - a pronoun is checked only against the one person named before it in its clause (from the
//!   last `;`, `:` or comma plus coordinator), with no other capitalised word or gendered noun
//!   (`words`: wife, mother …) between them, no pronoun of its own gender earlier in the clause,
//!   and no other person of its gender named in the sentence or the one before.

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Builder, Context, is_capitalized};
use crate::document::tokens::capitalize;
use crate::document::{Span, TokenKind};
use crate::entities::{class, with_lower};
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

const MAX_DISTANCE: usize = 15;
const COORDINATORS: &[&str] = &["and", "but", "or", "so", "yet", "while", "whereas"];

#[derive(Debug)]
pub struct PronounDrift {
    min: usize,
    nouns: FxHashSet<String>,
}

impl PronounDrift {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            min: b.spec.min.unwrap_or(3).max(2),
            nouns: Builder::set(&b.spec.words, true),
        })
    }

    /// The gender of the pronoun at token `k`, from its class bits (which read an inverted
    /// subject after a verb by its last part: "regrette-t-il", "dit-elle").
    fn gender(cx: &Context, k: usize) -> Option<Gender> {
        let c = cx.entities().classes[k];
        if c & class::MALE_PRONOUN != 0 {
            Some(Gender::Male)
        } else if c & class::FEMALE_PRONOUN != 0 {
            Some(Gender::Female)
        } else {
            None
        }
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let ents = cx.entities();
        let doc = cx.doc;
        let tokens = doc.tokens();
        let sentences = doc.sentences();
        // Person mentions per sentence, as (mention index, entity index), and all mentions per
        // sentence (the mentions are in document order, so each sentence's are a run).
        let per_sentence = BySentence::new(
            sentences.len(),
            ents.mentions.iter().enumerate().filter_map(|(i, m)| {
                // A person's name used for a place or an organisation ("the Mokpo Port
                // Authority") says nothing about the person.
                let e = ents.entity_of[i].filter(|&e| ents.entities[e].is_person)?;
                Self::person_like(cx, i, &sentences[m.sentence].tokens)
                    .then_some((m.sentence, (i, e)))
            }),
        );
        let all_in_sentence = BySentence::new(
            sentences.len(),
            ents.mentions
                .iter()
                .enumerate()
                .map(|(i, m)| (m.sentence, i)),
        );
        // Evidence: pronouns in sentences about exactly one person.
        let mut evidence: FxHashMap<usize, (usize, usize)> = FxHashMap::default();
        let mut count = |e: usize, g: Gender| {
            let c = evidence.entry(e).or_default();
            match g {
                Gender::Male => c.0 += 1,
                Gender::Female => c.1 += 1,
            }
        };
        // An honorific that tells the gender ("Mr.", "Ms.") counts once per mention.
        for (i, m) in ents.mentions.iter().enumerate() {
            let Some(e) = ents.entity_of[i] else { continue };
            // Strong evidence: as much as `min` pronouns.
            if let Some(g) = honorific_gender(cx, m) {
                for _ in 0..self.min {
                    count(e, g);
                }
            }
        }
        // A gendered role noun in the title, just before the name ("spokeswoman Ana Ruiz") or
        // in apposition after it ("Ana Ruiz, the firm's chairwoman,") counts once per mention.
        for (i, m) in ents.mentions.iter().enumerate() {
            let Some(e) = ents.entity_of[i] else { continue };
            if let Some(g) = role_gender(cx, m) {
                for _ in 0..self.min {
                    count(e, g);
                }
            }
        }
        for (si, s) in sentences.iter().enumerate() {
            // Exactly one person in the sentence (however often named): no set per sentence.
            let Some(&(_, e)) = per_sentence.of(si).first() else {
                continue;
            };
            if per_sentence.of(si).iter().any(|p| p.1 != e) {
                continue;
            }
            // Pronouns after the person's first mention; those before it may still refer to
            // the subject of the sentence before.
            let after = per_sentence
                .of(si)
                .iter()
                .map(|&(mi, _)| ents.mentions[mi].last_token)
                .min()
                .unwrap_or(s.tokens.start);
            for k in after..s.tokens.end {
                if let Some(g) = Self::gender(cx, k) {
                    count(e, g);
                }
            }
            // The subject opening the next sentence, or the speaker after a quotation that
            // opens it ("“We will pay,” she said.").
            if let Some(next) = sentences.get(si + 1)
                && per_sentence.of(si + 1).is_empty()
                && let Some(fk) = next.tokens.clone().find(|&k| {
                    tokens[k].is_word()
                        && !crate::entities::inside(&ents.quotes, tokens[k].span().start)
                })
                && let Some(g) = Self::gender(cx, fk)
            {
                let first = &tokens[fk];
                let opens = tokens[next.tokens.clone()]
                    .iter()
                    .find(|t| t.is_word())
                    .is_some_and(|t| t.span() == first.span());
                if !opens || is_capitalized(cx.tok(first)) {
                    count(e, g);
                }
            }
        }
        // The gender established for a person, leaving out one use of `tested`: the pronoun
        // under test may itself have been counted as evidence.
        let established = |e: usize, tested: Gender| -> Option<Gender> {
            let (mut m, mut f) = evidence.get(&e).copied().unwrap_or_default();
            match tested {
                Gender::Male => m = m.saturating_sub(1),
                Gender::Female => f = f.saturating_sub(1),
            }
            if m >= self.min && f * 3 <= m {
                Some(Gender::Male)
            } else if f >= self.min && m * 3 <= f {
                Some(Gender::Female)
            } else {
                None
            }
        };
        // Weaker: which way any evidence about a person leans.
        let leaning = |e: usize| -> Option<Gender> {
            let (m, f) = evidence.get(&e).copied().unwrap_or_default();
            match m.cmp(&f) {
                std::cmp::Ordering::Greater => Some(Gender::Male),
                std::cmp::Ordering::Less => Some(Gender::Female),
                std::cmp::Ordering::Equal => None,
            }
        };
        let text = cx.text();
        // Up to two people per sentence who lean to each gender: enough to tell whether someone
        // other than a given person does.
        let leaners: Vec<[Vec<usize>; 2]> = (0..sentences.len())
            .map(|si| per_sentence.of(si))
            .map(|ps| {
                let mut out: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
                for &(_, e) in ps {
                    if let Some(g) = leaning(e) {
                        let slot = &mut out[usize::from(g == Gender::Female)];
                        if slot.len() < 2 && !slot.contains(&e) {
                            slot.push(e);
                        }
                    }
                }
                out
            })
            .collect();
        // One pass per sentence: the clause start, the pronouns of each gender seen in the
        // clause so far, and the mentions before each token come from running state, so the
        // work is linear in the sentence length.
        let classes = &ents.classes;
        for (si, s) in sentences.iter().enumerate() {
            let range = s.tokens.clone();
            // Only a gendered pronoun is checked: a sentence without one is skipped whole.
            if !range.clone().any(|k| classes[k] & class::PRONOUN != 0) {
                continue;
            }
            let mentions_here = all_in_sentence.of(si);
            let mut start = range.start;
            let mut seen = [0usize; 2];
            for k in range.clone() {
                let word = cx.tok(&tokens[k]);
                let g = Self::gender(cx, k);
                if let Some(g) = g {
                    self.check_pronoun(
                        cx,
                        rule,
                        out,
                        Clause {
                            k,
                            g,
                            start,
                            seen_same: seen[usize::from(g == Gender::Female)] > 0,
                            si,
                        },
                        mentions_here,
                        &leaners,
                        &established,
                        text,
                    );
                    seen[usize::from(g == Gender::Female)] += 1;
                }
                let after_comma = k > range.start && cx.tok(&tokens[k - 1]) == ",";
                if matches!(word, ";" | ":" | "—")
                    || (after_comma && with_lower(word, |w| COORDINATORS.contains(&w)))
                {
                    start = k + 1;
                    seen = [0, 0];
                }
            }
        }
        // A pronoun with no person named before it in its sentence refers to the person the
        // text was last about ("Kisaragi laid flowers at the memorial. She said …").
        self.salient_pass(
            cx,
            rule,
            out,
            &per_sentence,
            &all_in_sentence,
            &leaning,
            &established,
        );
    }
}

/// Items grouped by sentence: one list in sentence order and where each sentence's items
/// start, not a list per sentence.
struct BySentence<T> {
    items: Vec<T>,
    starts: Vec<usize>,
}

impl<T> BySentence<T> {
    /// From `(sentence, item)` pairs in sentence order, for `n` sentences.
    fn new(n: usize, pairs: impl Iterator<Item = (usize, T)>) -> Self {
        let mut items = Vec::new();
        let mut starts = Vec::with_capacity(n + 1);
        for (si, x) in pairs {
            while starts.len() <= si {
                starts.push(items.len());
            }
            items.push(x);
        }
        while starts.len() <= n {
            starts.push(items.len());
        }
        Self { items, starts }
    }

    /// The items of sentence `si`.
    fn of(&self, si: usize) -> &[T] {
        &self.items[self.starts[si]..self.starts[si + 1]]
    }
}

/// Words before a capitalised name that make it a place or an organisation, not a person who
/// could be the referent of a pronoun: "in Goesan", "d'Ouestrail", "au CHU".
const PLACE_MARKERS: &[&str] = &[
    "in", "at", "of", "from", "into", "near", "across", "the", "de", "du", "des", "d'", "d’", "au",
    "aux", "à", "en", "dans", "del", "al", "la", "le", "el", "los", "las", "les", "l'", "l’", "im",
    "am", "vom", "zum", "zur", "aus", "nach", "bei",
];
/// Agent-noun endings per language: "the pianist", "un chercheur", "la periodista".
fn agent_endings(language: &str) -> &'static [&'static str] {
    match language {
        // Not "-er" or "-or": "the river", "the floor".
        "en" => &["ist", "ian", "ee"],
        "fr" => &["eur", "euse", "rice", "ien", "ienne", "iste"],
        "es" => &["or", "ora", "ista", "ero", "era", "ante", "ente"],
        "de" => &["er", "erin", "ist", "istin"],
        _ => &[],
    }
}

/// Determiners that open a noun phrase.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "our", "le", "la", "un", "une", "son", "sa",
    "el", "una", "su", "der", "die", "das", "ein", "eine", "einen", "dem", "den",
];

/// Whether token `k` may be a person named by an agent noun ("met the pianist"): a
/// singular word with an agent ending, a determiner one or two words before. Such a person may
/// be a later pronoun's referent, so it blocks the check.
fn agent_noun(cx: &Context, k: usize, start: usize) -> bool {
    let tokens = cx.doc.tokens();
    let w = cx.tok(&tokens[k]);
    let candidate = with_lower(w, |full| {
        let lower = full
            .strip_prefix("l'")
            .or_else(|| full.strip_prefix("l’"))
            .unwrap_or(full);
        let elided = lower.len() != full.len();
        let agent = lower.chars().count() >= 5
            && agent_endings(cx.language)
                .iter()
                .any(|e| lower.ends_with(e));
        agent.then_some(elided)
    });
    let Some(elided) = candidate else {
        return false;
    };
    elided
        || (1..=2).any(|d| {
            k >= start + d && with_lower(cx.tok(&tokens[k - d]), |w| DETERMINERS.contains(&w))
        })
}

/// Sentences walked back to find what a pronoun that opens a sentence refers to.
const WALK_BACK: usize = 3;
/// Sentences before a pronoun searched for another person of its gender.
const RIVAL_WINDOW: usize = 4;
/// Sentences whose [`Refs`] are kept at a time: the window a pronoun looks at, rounded up.
const REF_SLOTS: usize = 8;
const _: () = assert!(WALK_BACK <= RIVAL_WINDOW && RIVAL_WINDOW < REF_SLOTS);

/// Who a sentence is about, as seen by a later pronoun.
#[derive(Default)]
struct Refs {
    /// Person-like mentions outside quotes: (mention, its entity).
    people: Vec<(usize, Option<usize>)>,
    /// The gender told by the gendered noun nearest each of `people` in its apposition ("the
    /// driver, a 46-year-old man surnamed Wu").
    apposed: Vec<Option<Gender>>,
    /// Person nouns outside quotes, not in apposition to a name: (token, gender if told).
    nouns: Vec<(usize, Option<Gender>)>,
    /// Gendered pronouns outside quotes: (token, gender).
    pronouns: Vec<(usize, Gender)>,
    /// Gendered pronouns inside quotes.
    quoted: Vec<Gender>,
}

impl PronounDrift {
    /// Whether token `k` is a person noun, and the gender it tells: a gendered role, a role
    /// noun or one of the rule's `words`, or a title written in lowercase ("the president").
    fn noun_gender(&self, cx: &Context, k: usize) -> Option<Option<Gender>> {
        let c = cx.entities().classes[k];
        if c & class::MALE_ROLE != 0 {
            Some(Some(Gender::Male))
        } else if c & class::FEMALE_ROLE != 0 {
            Some(Some(Gender::Female))
        } else if c & class::ROLE_NOUN != 0
            || c & (class::LOWERCASE | class::TITLE_LOWER) == class::LOWERCASE | class::TITLE_LOWER
            || with_lower(cx.tok(&cx.doc.tokens()[k]), |lower| {
                self.nouns.contains(lower)
            })
        {
            Some(None)
        } else {
            None
        }
    }

    /// Whether mention `mi` may name a person: a known person, a name with a given name, title
    /// or honorific, or a bare name not placed by a preposition or article.
    fn person_like(cx: &Context, mi: usize, range: &std::ops::Range<usize>) -> bool {
        let ents = cx.entities();
        let m = &ents.mentions[mi];
        if m.title.is_some() || m.honorific_span.is_some() {
            return true;
        }
        let tokens = cx.doc.tokens();
        let own = m.span.of(cx.text());
        // "d'", "d’", "l'" opening the mention, in any case (only the first letter can differ).
        let elided = |p: &str| {
            own.get(..p.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(p))
        };
        if elided("d'") || elided("d’") || elided("l'") {
            return false;
        }
        // After a preposition or an article: a place or an organisation ("the Mokpo Port
        // Authority", "in Goesan").
        let before = (m.first_token > range.start).then(|| cx.tok(&tokens[m.first_token - 1]));
        if m.attributive || before.is_some_and(|b| with_lower(b, |b| PLACE_MARKERS.contains(&b))) {
            return false;
        }
        if ents.entity(mi).is_some_and(|e| e.is_person) {
            return true;
        }
        let Some(before) = before else {
            // A bare capitalised word opening the sentence ("Police said …") may be a common
            // word; a full name there is a name.
            return m.given_span.is_some();
        };
        // "Goesan, North Chungcheong Province": a name after a place and a comma.
        if before == "," && m.first_token >= range.start + 2 {
            let prev = m.first_token - 2;
            // Mentions are in document order and do not overlap: a binary search finds the one
            // ending at `prev` (a scan of all mentions per mention was quadratic).
            let pi = ents.mentions.partition_point(|o| o.last_token < prev);
            if ents.mentions.get(pi).is_some_and(|o| o.last_token == prev) {
                return Self::person_like(cx, pi, range);
            }
        }
        true
    }

    fn refs(&self, cx: &Context, si: usize, all_in_sentence: &BySentence<usize>) -> Refs {
        let ents = cx.entities();
        let tokens = cx.doc.tokens();
        let s = &cx.doc.sentences()[si];
        let range = s.tokens.clone();
        let range_start = range.start;
        let quoted = |k: usize| crate::entities::inside(&ents.quotes, tokens[k].span().start);
        let mut r = Refs::default();
        // Tokens of the sentence in an apposition or a name, by offset from the sentence start:
        // marked once per range, so a long sentence of many names stays linear.
        let mut covered = vec![false; range.len()];
        let mut cover = |c: std::ops::Range<usize>| {
            for k in c {
                if let Some(x) = k.checked_sub(range_start).and_then(|i| covered.get_mut(i)) {
                    *x = true;
                }
            }
        };
        for &mi in all_in_sentence.of(si) {
            let m = &ents.mentions[mi];
            if m.in_quote || !Self::person_like(cx, mi, &range) {
                continue;
            }
            r.people.push((mi, ents.entity_of[mi]));
            // Role nouns in apposition are the same person: "Ana Ruiz, the firm's
            // spokeswoman,", "the chief executive, Ana Ruiz".
            let before = m.first_token.saturating_sub(5).max(range.start)..m.first_token;
            let mut apposed = before
                .clone()
                .rev()
                .find_map(|k| self.noun_gender(cx, k).flatten());
            cover(before.start..m.last_token + 1);
            if m.last_token + 1 < range.end && cx.tok(&tokens[m.last_token + 1]) == "," {
                let after = m.last_token + 1..(m.last_token + 9).min(range.end);
                apposed = apposed.or_else(|| {
                    after
                        .clone()
                        .find_map(|k| self.noun_gender(cx, k).flatten())
                });
                cover(after);
            }
            r.apposed.push(apposed);
        }
        for k in range {
            let t = &tokens[k];
            if t.kind != TokenKind::Word {
                continue;
            }
            if let Some(g) = Self::gender(cx, k) {
                if quoted(k) {
                    r.quoted.push(g);
                } else {
                    r.pronouns.push((k, g));
                }
                continue;
            }
            if quoted(k) || covered[k - range_start] {
                continue;
            }
            if let Some(g) = self.noun_gender(cx, k) {
                r.nouns.push((k, g));
            } else if agent_noun(cx, k, range_start) {
                r.nouns.push((k, None));
            }
        }
        r
    }

    /// A gendered pronoun with no person named before it in its sentence refers to the person
    /// the text was last about: the one person (or person noun) of the nearest sentence before
    /// that names anyone, with only pronouns of one gender in between. When that person's
    /// gender is told (honorific, role noun, most pronouns, or the pronoun used for them in
    /// that sentence), a pronoun of the other gender is drift, unless someone of the pronoun's
    /// gender appears in the last few sentences.
    #[allow(clippy::too_many_arguments)]
    fn salient_pass(
        &self,
        cx: &Context,
        rule: &Rule,
        out: &mut Vec<Finding>,
        per_sentence: &BySentence<(usize, usize)>,
        all_in_sentence: &BySentence<usize>,
        leaning: &dyn Fn(usize) -> Option<Gender>,
        established: &dyn Fn(usize, Gender) -> Option<Gender>,
    ) {
        let ents = cx.entities();
        let tokens = cx.doc.tokens();
        let sentences = cx.doc.sentences();
        let text = cx.text();
        let classes = &ents.classes;
        // Who each sentence is about, computed only around the sentences that may hold a
        // pronoun to test (one with a gendered pronoun), and kept for the last `REF_SLOTS`
        // sentences only: a pronoun looks back at most `RIVAL_WINDOW` sentences.
        let mut cache: Vec<(usize, Refs)> = (0..REF_SLOTS)
            .map(|_| (usize::MAX, Refs::default()))
            .collect();
        for (si, s) in sentences.iter().enumerate().skip(1) {
            let gendered = s.tokens.clone().any(|k| classes[k] & class::PRONOUN != 0);
            if !gendered {
                continue;
            }
            for y in si.saturating_sub(RIVAL_WINDOW)..=si {
                let slot = &mut cache[y % REF_SLOTS];
                if slot.0 != y {
                    *slot = (y, self.refs(cx, y, all_in_sentence));
                }
            }
            let refs = |y: usize| &cache[y % REF_SLOTS].1;
            let here = refs(si);
            let first_ref = here
                .people
                .iter()
                .map(|p| ents.mentions[p.0].first_token)
                .chain(here.nouns.iter().map(|n| n.0))
                .min()
                .unwrap_or(usize::MAX);
            let Some(&(k, g)) = here.pronouns.first().filter(|p| p.0 < first_ref) else {
                continue;
            };
            // Walk back to the nearest sentence that names someone.
            let mut chain: Vec<Gender> = Vec::new();
            let mut found = None;
            for x in (si.saturating_sub(WALK_BACK)..si).rev() {
                let r = refs(x);
                if r.people.is_empty() && r.nouns.is_empty() {
                    chain.extend(r.pronouns.iter().map(|p| p.1));
                    continue;
                }
                found = Some(x);
                break;
            }
            let Some(x) = found else { continue };
            let r = refs(x);
            let mut entities: Vec<Option<usize>> = r.people.iter().map(|p| p.1).collect();
            entities.dedup();
            let single = entities.len() + r.nouns.len() == 1;
            // The gender of each person the sentence names.
            let person_gender = |idx: usize| -> Option<Gender> {
                let (mi, e) = r.people[idx];
                let m = &ents.mentions[mi];
                let told = e
                    .and_then(|e| established(e, g))
                    .or_else(|| honorific_gender(cx, m).or_else(|| role_gender(cx, m)))
                    .or(r.apposed[idx]);
                if told.is_some() || !single {
                    return told;
                }
                // The pronouns used for the one person of that sentence.
                let own: Vec<Gender> = r
                    .pronouns
                    .iter()
                    .filter(|p| p.0 > m.last_token)
                    .map(|p| p.1)
                    .collect();
                let lean = e.and_then(leaning);
                own.first()
                    .copied()
                    .filter(|f| own.iter().all(|o| o == f))
                    .filter(|f| lean.is_none_or(|l| l == *f))
            };
            let (known, named, intro, who) = if let ([(nk, ng)], []) = (&r.nouns[..], &entities[..])
            {
                (*ng, tokens[*nk].span(), tokens[*nk].span(), None)
            } else if entities.is_empty() {
                continue;
            } else {
                // Several people of one told gender: a pronoun of the other has no referent
                // among them ("Lindqvist beat the goalkeeper. … él").
                let genders: Vec<Option<Gender>> = (0..r.people.len())
                    .map(person_gender)
                    .chain(r.nouns.iter().map(|n| n.1))
                    .collect();
                let known = genders[0].filter(|k| genders.iter().all(|x| *x == Some(*k)));
                let (mi, e) = r.people[0];
                let intro = e
                    .map(|e| ents.mentions[ents.entities[e].mentions[0]].span)
                    .unwrap_or(ents.mentions[mi].span);
                (known, ents.mentions[mi].span, intro, e.filter(|_| single))
            };
            let Some(known) = known else { continue };
            // A sentence that names the person again ("She invited Mr. Reilly") is about
            // someone else.
            let named_again = who.is_some()
                && here
                    .people
                    .iter()
                    .any(|p| ents.mentions[p.0].first_token > k && p.1 == who);
            if named_again {
                continue;
            }
            if known == g || chain.iter().any(|c| *c != known) {
                continue;
            }
            // Someone of the pronoun's gender nearby may be the referent.
            let from = si.saturating_sub(RIVAL_WINDOW);
            let rival = (from..=si).any(|y| {
                per_sentence
                    .of(y)
                    .iter()
                    .any(|&(_, o)| Some(o) != who && leaning(o) == Some(g))
                    || refs(y).nouns.iter().any(|n| n.1 == Some(g))
                    || refs(y).quoted.contains(&g)
                    || (y < x && refs(y).pronouns.iter().any(|p| p.1 == g))
            });
            if rival {
                continue;
            }
            out.push(drift(cx, rule, text, tokens[k].span(), known, named, intro));
        }
    }
}

/// Words (en, fr, es, de) that end an apposition before its role noun: "X, a friend of the queen," says
/// nothing of X.
const APPOSITION_STOPS: &[&str] = &[
    "of", "for", "to", "with", "and", "or", "who", "whose", "whom", "which", "that", "at", "in",
    "on", "by", "from", "said", "says", "de", "du", "des", "d'", "d’", "avec", "qui", "dont",
    "del", "con", "quien", "cuyo", "cuya", "von", "mit",
];
/// Words an apposition may take before its role noun: "the company's new".
const APPOSITION_MAX: usize = 5;

/// Honorifics of any language that tell a gender, for a name written with a foreign one
/// ("Ms. Ferrer" in Spanish text).
const MALE_HONORIFICS: &[&str] = &["Mr", "Herr", "Herrn", "Monsieur", "Sr", "Señor", "Signor"];
const FEMALE_HONORIFICS: &[&str] = &[
    "Mrs", "Ms", "Miss", "Frau", "Mme", "Madame", "Mlle", "Sra", "Srta", "Señora", "Signora",
];

/// The gender a mention's honorific tells: its own, or a foreign one just before it.
fn honorific_gender(cx: &Context, m: &crate::entities::Mention) -> Option<Gender> {
    let people = cx.people;
    let of = |h: &str| {
        if people.male_honorifics.contains(h) || MALE_HONORIFICS.contains(&h) {
            Some(Gender::Male)
        } else if people.female_honorifics.contains(h) || FEMALE_HONORIFICS.contains(&h) {
            Some(Gender::Female)
        } else {
            None
        }
    };
    if let Some(h) = m.honorific(cx.text()) {
        return of(h);
    }
    let tokens = cx.doc.tokens();
    let range = cx.doc.sentences().get(m.sentence)?.tokens.clone();
    let mut k = m.first_token;
    if k > range.start && cx.tok(&tokens[k - 1]) == "." {
        k -= 1;
    }
    (k > range.start)
        .then(|| cx.tok(&tokens[k - 1]))
        .and_then(of)
}

/// Articles that tell the gender of the role noun they open (fr, es): "la portavoz Ana Ruiz",
/// "le Pr Antoine Roux".
fn article_gender(language: &str, w: &str) -> Option<Gender> {
    let w = w.to_lowercase();
    match (language, w.as_str()) {
        ("fr", "le" | "un") | ("es", "el" | "un") => Some(Gender::Male),
        ("fr", "la" | "une") | ("es", "la" | "una") => Some(Gender::Female),
        _ => None,
    }
}

/// Words before an article that make it part of a genitive ("de la compañía, Ana Ruiz"), not
/// the head of a role phrase.
const GENITIVES: &[&str] = &["de", "del", "du", "des", "d'", "d’"];

/// The gender told by a fr/es article opening a short lowercase role phrase just before the
/// name: "la directora financiera, Lucía Ferrer", "la delantera sueca Emma Lindqvist", "Le Pr
/// Antoine Mercier".
fn article_before(cx: &Context, m: &crate::entities::Mention) -> Option<Gender> {
    if !matches!(cx.language, "fr" | "es") {
        return None;
    }
    let tokens = cx.doc.tokens();
    let range = cx.doc.sentences().get(m.sentence)?.tokens.clone();
    let mut k = m.first_token;
    // A title or honorific inside the mention ("Le Pr Antoine Mercier"): its article is the
    // token before the mention.
    let inner = m.title.is_some() || m.honorific_span.is_some();
    let comma = k > range.start && cx.tok(&tokens[k - 1]) == "," && !inner;
    if comma {
        k -= 1;
    }
    let mut words = 0;
    while k > range.start && words <= 3 {
        let w = cx.tok(&tokens[k - 1]);
        if tokens[k - 1].kind != TokenKind::Word {
            return None;
        }
        if let Some(g) = article_gender(cx.language, w) {
            let head = k - 1;
            let genitive = comma
                && head > range.start
                && GENITIVES.contains(&cx.tok(&tokens[head - 1]).to_lowercase().as_str());
            // The article opens a role phrase: a lowercase word follows (or the title).
            return (!genitive && (words > 0 || inner)).then_some(g);
        }
        if !crate::checks::is_lower_initial(w) || APPOSITION_STOPS.contains(&w) {
            return None;
        }
        words += 1;
        k -= 1;
    }
    None
}

/// The gender a role noun tells about a mention: in its title, just before it, or in an
/// apposition after it.
fn role_gender(cx: &Context, m: &crate::entities::Mention) -> Option<Gender> {
    let people = cx.people;
    let of = |w: &str| -> Option<Gender> {
        with_lower(w, |lower| {
            let lower = lower
                .strip_suffix("'s")
                .or_else(|| lower.strip_suffix("’s"))
                .unwrap_or(lower);
            if people.male_roles.contains(lower) {
                Some(Gender::Male)
            } else if people.female_roles.contains(lower) {
                Some(Gender::Female)
            } else {
                None
            }
        })
    };
    if let Some(t) = cx.entities().title(m)
        && let Some(g) = t.split_whitespace().find_map(of)
    {
        return Some(g);
    }
    if let Some(g) = article_before(cx, m) {
        return Some(g);
    }
    let tokens = cx.doc.tokens();
    let s = cx.doc.sentences().get(m.sentence)?;
    let range = s.tokens.clone();
    // Before: the word just before the mention ("spokeswoman Ana Ruiz"); not across a comma,
    // which may end a clause ("After meeting the queen, Ruiz said").
    let mut k = m.first_token;
    while k < m.last_token && tokens[k].span().start < m.span.start {
        k += 1;
    }
    if k > range.start
        && tokens[k - 1].kind == TokenKind::Word
        && let Some(g) = of(cx.tok(&tokens[k - 1]))
    {
        return Some(g);
    }
    // After: ", the company's spokeswoman" up to the next comma or the sentence end.
    let mut j = m.last_token + 1;
    if j >= range.end || cx.tok(&tokens[j]) != "," {
        return None;
    }
    j += 1;
    let mut words = 0;
    while j < range.end && words <= APPOSITION_MAX {
        let t = &tokens[j];
        let w = cx.tok(t);
        if t.kind == TokenKind::Word {
            if let Some(g) = of(w) {
                // The role noun ends the apposition: "the queen's" or "mother-to-be" do not.
                // fr/es put adjectives after it: "directrice générale"; a preposition may
                // follow ("spokeswoman for the port").
                let ends = j + 1 >= range.end
                    || tokens[j + 1].kind != TokenKind::Word
                    || matches!(cx.language, "fr" | "es")
                    || with_lower(cx.tok(&tokens[j + 1]), |w| APPOSITION_STOPS.contains(&w));
                return ends
                    .then_some(g)
                    .filter(|_| !w.contains('\'') && !w.contains('’'));
            }
            if with_lower(w, |w| APPOSITION_STOPS.contains(&w)) {
                return None;
            }
            words += 1;
        } else if !matches!(w, "-" | "'" | "’") && !w.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        j += 1;
    }
    None
}

/// Relative pronouns that open a clause about the person just named.
const RELATIVES: &[&str] = &["who", "whose", "whom"];

/// The token that closes a relative clause in commas right after token `last` (a name,
/// perhaps with a source honorific word after it), before token `k`: the closing comma.
fn relative_clause_end(cx: &Context, last: usize, k: usize) -> Option<usize> {
    let tokens = cx.doc.tokens();
    let mut j = last + 1;
    if j < k && cx.people.honorific_words.contains(cx.tok(&tokens[j])) {
        j += 1;
    }
    if j + 1 >= k
        || cx.tok(&tokens[j]) != ","
        || !RELATIVES.contains(&cx.tok(&tokens[j + 1]).to_lowercase().as_str())
    {
        return None;
    }
    (j + 2..k.min(j + 2 + MAX_RELATIVE)).find(|&x| cx.tok(&tokens[x]) == ",")
}

/// Tokens a relative clause in commas may span: a longer "clause" is not one, and the bound
/// keeps the search per pronoun constant.
const MAX_RELATIVE: usize = 60;

/// A gendered pronoun at token `k` of sentence `si`, in the clause starting at token `start`.
struct Clause {
    k: usize,
    g: Gender,
    start: usize,
    /// Whether a pronoun of the same gender came earlier in the clause.
    seen_same: bool,
    si: usize,
}

impl PronounDrift {
    /// Checks one pronoun against the one person named before it in its clause.
    #[allow(clippy::too_many_arguments)]
    fn check_pronoun(
        &self,
        cx: &Context,
        rule: &Rule,
        out: &mut Vec<Finding>,
        c: Clause,
        mentions_here: &[usize],
        leaners: &[[Vec<usize>; 2]],
        established: &dyn Fn(usize, Gender) -> Option<Gender>,
        text: &str,
    ) {
        let ents = cx.entities();
        let tokens = cx.doc.tokens();
        let Clause {
            k,
            g,
            start,
            seen_same,
            si,
        } = c;
        // The mentions of the sentence are in order and do not overlap: those in the clause
        // before the pronoun lie between two binary searches.
        let from = mentions_here.partition_point(|&i| ents.mentions[i].first_token < start);
        let to = mentions_here.partition_point(|&i| ents.mentions[i].last_token < k);
        if to <= from {
            return;
        }
        let mi = mentions_here[from];
        let m = &ents.mentions[mi];
        // A relative clause in commas after the name ("Ana Ruiz, who founded the firm in
        // Lyon, said that she …") is about the same person: its words neither block the
        // pronoun nor count towards the distance.
        let after = relative_clause_end(cx, m.last_token, k).unwrap_or(m.last_token);
        // Any later mention before the pronoun and past `after`: the mentions are in order, so
        // the last one tells (not a scan per pronoun, quadratic in a long clause of names).
        if to > from + 1 && ents.mentions[mentions_here[to - 1]].first_token > after {
            return;
        }
        let Some(e) = ents.entity_of[mi].filter(|&e| ents.entities[e].is_person) else {
            return;
        };
        let Some(known) = established(e, g) else {
            return;
        };
        if known == g || k - after > MAX_DISTANCE || seen_same {
            return;
        }
        // Someone else of that gender nearby may be the referent.
        let slot = usize::from(g == Gender::Female);
        let rival = [si.checked_sub(1), Some(si)]
            .into_iter()
            .flatten()
            .any(|x| leaners[x][slot].iter().any(|&o| o != e));
        if rival {
            return;
        }
        let blocked = (m.last_token + 1..k).any(|x| {
            let t = &tokens[x];
            let w = cx.tok(t);
            (x > after
                && t.kind == TokenKind::Word
                && is_capitalized(w)
                && !cx.people.honorific_words.contains(w)
                && !(w == "I" || w.starts_with("I'") || w.starts_with("I’")))
                || with_lower(w, |w| self.nouns.contains(w))
                || Self::gender(cx, x).is_some()
        });
        if blocked {
            return;
        }
        let first = ents.mentions[ents.entities[e].mentions[0]].span;
        out.push(drift(
            cx,
            rule,
            text,
            tokens[k].span(),
            known,
            m.span,
            first,
        ));
    }
}

/// The finding for a pronoun at `span` that contradicts `known`, the gender of the person
/// named at `named` and introduced at `intro`.
fn drift(
    cx: &Context,
    rule: &Rule,
    text: &str,
    span: Span,
    known: Gender,
    named: Span,
    intro: Span,
) -> Finding {
    let f = rule.finding(span, span.of(text));
    let established_as = subject_pronoun(cx, known);
    let message = f
        .message
        .replace("{canonical}", &established_as)
        .replace("{name}", named.of(text));
    f.with_message(message)
        .with_suggestion(swap(span.of(text), known))
        .with_canonical(intro.of(text).to_string(), intro)
}

/// The subject pronoun of a gender in the document's language: "he", "elle".
fn subject_pronoun(cx: &Context, g: Gender) -> String {
    let set = match g {
        Gender::Male => &cx.people.male_pronouns,
        Gender::Female => &cx.people.female_pronouns,
    };
    let english = match g {
        Gender::Male => "he",
        Gender::Female => "she",
    };
    if set.contains(english) || set.len() != 1 {
        return english.to_string();
    }
    set.iter()
        .next()
        .cloned()
        .unwrap_or_else(|| english.to_string())
}

/// The pronoun of the established gender, where the mapping is unambiguous.
fn swap(word: &str, to: Gender) -> Option<String> {
    let lower = word.to_lowercase();
    let out = match (to, lower.as_str()) {
        (Gender::Male, "she") => "he",
        (Gender::Male, "herself") => "himself",
        (Gender::Male, "hers") => "his",
        (Gender::Female, "he") => "she",
        (Gender::Female, "him") => "her",
        (Gender::Female, "his") => "her",
        (Gender::Female, "himself") => "herself",
        _ => return None,
    };
    Some(if is_capitalized(word) {
        capitalize(out)
    } else {
        out.to_string()
    })
}

/// `reported-first-person`: a first-person pronoun kept from direct speech inside reported
/// speech in third-person narration ("the company said in a statement that we had fulfilled
/// all our obligations"; "told supporters that I will not let the town disappear").
///
/// A reporting verb (`words`: said, told, added …) is followed, within `MAX_OBJECT` words and
/// no punctuation, either directly by a first-person subject or determiner (`phrases`: I, we,
/// our, my) or by "that" and then one. Object pronouns after the verb ("told us") are objects,
/// not reported subjects. Conservative: quoted speech is exempt, and a document whose narration
/// uses the first person elsewhere (a column, an abstract's "we") is silent.
#[derive(Debug)]
pub struct ReportedFirstPerson {
    verbs: FxHashSet<String>,
    pronouns: FxHashSet<String>,
}

/// Words allowed between the verb and "that": "said in a statement that", "told supporters that".
const MAX_OBJECT: usize = 5;
/// First-person words tolerated elsewhere in the narration.
const MAX_ELSEWHERE: usize = 1;

impl ReportedFirstPerson {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        let verbs = Builder::set(&b.spec.words, true);
        let pronouns = Builder::set(&b.spec.phrases, true);
        if verbs.is_empty() || pronouns.is_empty() {
            return Err(b.error("kind `reported-first-person` needs `words` and `phrases`"));
        }
        Ok(Self { verbs, pronouns })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let ents = cx.entities();
        let tokens = cx.doc.tokens();
        let text = cx.text();
        let quoted = |k: usize| crate::entities::inside(&ents.quotes, tokens[k].span().start);
        let first_person = |k: usize| {
            tokens[k].kind == TokenKind::Word
                && with_lower(cx.tok(&tokens[k]), |w| self.pronouns.contains(w))
        };
        let mut hits: Vec<usize> = Vec::new();
        for s in cx.doc.sentences() {
            let range = s.tokens.clone();
            for k in range.clone() {
                let t = &tokens[k];
                if t.kind != TokenKind::Word
                    || !with_lower(cx.tok(t), |w| self.verbs.contains(w))
                    || quoted(k)
                {
                    continue;
                }
                // The subject before the verb is not itself first person ("we said that we").
                if k > range.start && first_person(k - 1) {
                    continue;
                }
                let next = k + 1;
                if next < range.end && first_person(next) && !quoted(next) {
                    let w = cx.tok(&tokens[next]).to_lowercase();
                    // "said our servers" / "said we": a subject or determiner, never "told us".
                    if w != "us" && w != "me" {
                        hits.push(next);
                    }
                    continue;
                }
                let mut j = next;
                while j < range.end && j - next <= MAX_OBJECT {
                    let tj = &tokens[j];
                    if tj.kind != TokenKind::Word {
                        break;
                    }
                    if cx.tok(tj).eq_ignore_ascii_case("that") {
                        if j + 1 < range.end && first_person(j + 1) && !quoted(j + 1) {
                            hits.push(j + 1);
                        }
                        break;
                    }
                    j += 1;
                }
            }
        }
        if hits.is_empty() {
            return;
        }
        // First person in narration elsewhere (outside quotes, and outside the rest of the
        // sentences reported): a first-person genre, where "we" is the writer. At most
        // `MAX_ELSEWHERE` such words are tolerated (a stray "my" in a caption).
        // The sentence of each hit by binary search (sentences are in order and disjoint).
        let sentences = cx.doc.sentences();
        let mut reported_from: Vec<(usize, usize)> = hits
            .iter()
            .filter_map(|&k| {
                let si = sentences.partition_point(|s| s.tokens.end <= k);
                sentences
                    .get(si)
                    .filter(|s| s.tokens.contains(&k))
                    .map(|s| (k, s.tokens.end))
            })
            .collect();
        reported_from.sort_unstable();
        let in_reported = |k: usize| {
            let i = reported_from.partition_point(|r| r.0 <= k);
            i > 0 && k < reported_from[i - 1].1
        };
        let elsewhere = (0..tokens.len())
            .filter(|&k| first_person(k) && !quoted(k) && !in_reported(k))
            .count();
        if elsewhere > MAX_ELSEWHERE {
            return;
        }
        for k in hits {
            // The finding covers the pronoun and the rest of its clause's first-person words.
            let span = tokens[k].span();
            out.push(rule.finding(span, span.of(text)));
        }
    }
}
