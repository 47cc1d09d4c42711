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

    fn gender(cx: &Context, word: &str) -> Option<Gender> {
        let w = word.to_lowercase();
        if cx.people.male_pronouns.contains(&w) {
            Some(Gender::Male)
        } else if cx.people.female_pronouns.contains(&w) {
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
        // Person mentions per sentence, as (mention index, entity index).
        let mut per_sentence: Vec<Vec<(usize, usize)>> = vec![Vec::new(); sentences.len()];
        let mut all_in_sentence: Vec<Vec<usize>> = vec![Vec::new(); sentences.len()];
        for (i, m) in ents.mentions.iter().enumerate() {
            all_in_sentence[m.sentence].push(i);
            if let Some(e) = ents.entity_of[i].filter(|&e| ents.entities[e].is_person) {
                per_sentence[m.sentence].push((i, e));
            }
        }
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
            match m.honorific.as_deref() {
                Some(h) if cx.people.male_honorifics.contains(h) => count(e, Gender::Male),
                Some(h) if cx.people.female_honorifics.contains(h) => count(e, Gender::Female),
                _ => {}
            }
        }
        // A gendered role noun in the title, just before the name ("spokeswoman Ana Ruiz") or
        // in apposition after it ("Ana Ruiz, the firm's chairwoman,") counts once per mention.
        for (i, m) in ents.mentions.iter().enumerate() {
            let Some(e) = ents.entity_of[i] else { continue };
            if let Some(g) = role_gender(cx, m) {
                count(e, g);
            }
        }
        for (si, s) in sentences.iter().enumerate() {
            let people: FxHashSet<usize> = per_sentence[si].iter().map(|p| p.1).collect();
            if people.len() != 1 {
                continue;
            }
            let e = *people.iter().next().unwrap_or(&0);
            // Pronouns after the person's first mention; those before it may still refer to
            // the subject of the sentence before.
            let after = per_sentence[si]
                .iter()
                .map(|&(mi, _)| ents.mentions[mi].last_token)
                .min()
                .unwrap_or(s.tokens.start);
            for t in &tokens[after..s.tokens.end] {
                if let Some(g) = Self::gender(cx, cx.tok(t)) {
                    count(e, g);
                }
            }
            // The subject opening the next sentence, or the speaker after a quotation that
            // opens it ("“We will pay,” she said.").
            if let Some(next) = sentences.get(si + 1)
                && per_sentence[si + 1].is_empty()
                && let Some(first) = tokens[next.tokens.clone()]
                    .iter()
                    .find(|t| t.is_word() && !crate::entities::inside(&ents.quotes, t.span.start))
                && let Some(g) = Self::gender(cx, cx.tok(first))
            {
                let opens = tokens[next.tokens.clone()]
                    .iter()
                    .find(|t| t.is_word())
                    .is_some_and(|t| t.span == first.span);
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
        let leaners: Vec<[Vec<usize>; 2]> = per_sentence
            .iter()
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
        for (si, s) in sentences.iter().enumerate() {
            let range = s.tokens.clone();
            let mentions_here = &all_in_sentence[si];
            let mut start = range.start;
            let mut seen = [0usize; 2];
            for k in range.clone() {
                let word = cx.tok(&tokens[k]);
                let g = Self::gender(cx, word);
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
                    || (after_comma && COORDINATORS.contains(&word.to_lowercase().as_str()))
                {
                    start = k + 1;
                    seen = [0, 0];
                }
            }
        }
        // A sentence that opens with a pronoun refers to the one person of the sentence before
        // ("Kisaragi laid flowers at the memorial. She said …").
        for (si, s) in sentences.iter().enumerate().skip(1) {
            let prev = &sentences[si - 1];
            if prev.paragraph != s.paragraph {
                continue;
            }
            let Some(first) = tokens[s.tokens.clone()].iter().find(|t| t.is_word()) else {
                continue;
            };
            let Some(g) = Self::gender(cx, cx.tok(first)) else {
                continue;
            };
            let people: FxHashSet<usize> = per_sentence[si - 1].iter().map(|p| p.1).collect();
            let mentions_before = all_in_sentence[si - 1].len();
            let [e] = people.iter().copied().collect::<Vec<_>>()[..] else {
                continue;
            };
            // Every mention of the previous sentence is that person's.
            if mentions_before != per_sentence[si - 1].len() {
                continue;
            }
            let Some(known) = established(e, g) else {
                continue;
            };
            // Someone of the pronoun's gender in the last few sentences may be the referent;
            // and a sentence that names the person again ("She invited Mr. Reilly") is about
            // someone else.
            let rival = (si.saturating_sub(4)..=si)
                .flat_map(|x| per_sentence[x].iter())
                .any(|&(_, other)| other != e && leaning(other) == Some(g));
            let named_again = per_sentence[si].iter().any(|&(_, other)| other == e);
            if named_again {
                continue;
            }
            // A person named by a noun ("the mayor", "his wife") may be the referent.
            let noun = tokens[prev.tokens.clone()].iter().any(|t| {
                let w = cx.tok(t);
                let lower = w.to_lowercase();
                self.nouns.contains(&lower)
                    || (w == lower && cx.people.titles.contains_key(&capitalize(w)))
            });
            if known == g || rival || noun {
                continue;
            }
            let named = ents.mentions[per_sentence[si - 1][0].0].span;
            let intro = ents.mentions[ents.entities[e].mentions[0]].span;
            out.push(drift(rule, text, first.span, known, named, intro));
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

/// The gender a role noun tells about a mention: in its title, just before it, or in an
/// apposition after it.
fn role_gender(cx: &Context, m: &crate::entities::Mention) -> Option<Gender> {
    let people = cx.people;
    let of = |w: &str| -> Option<Gender> {
        let lower = w.to_lowercase();
        let lower = lower
            .strip_suffix("'s")
            .or_else(|| lower.strip_suffix("’s"))
            .unwrap_or(&lower);
        if people.male_roles.contains(lower) {
            Some(Gender::Male)
        } else if people.female_roles.contains(lower) {
            Some(Gender::Female)
        } else {
            None
        }
    };
    if let Some(t) = &m.title
        && let Some(g) = t.split_whitespace().find_map(of)
    {
        return Some(g);
    }
    let tokens = cx.doc.tokens();
    let s = cx.doc.sentences().get(m.sentence)?;
    let range = s.tokens.clone();
    // Before: the word just before the mention ("spokeswoman Ana Ruiz"); not across a comma,
    // which may end a clause ("After meeting the queen, Ruiz said").
    let mut k = m.first_token;
    while k < m.last_token && tokens[k].span.start < m.span.start {
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
                let ends = j + 1 >= range.end || tokens[j + 1].kind != TokenKind::Word;
                return ends
                    .then_some(g)
                    .filter(|_| !w.contains('\'') && !w.contains('’'));
            }
            if APPOSITION_STOPS.contains(&w.to_lowercase().as_str()) {
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
    (j + 2..k).find(|&x| cx.tok(&tokens[x]) == ",")
}

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
        if mentions_here[from + 1..to]
            .iter()
            .any(|&i| ents.mentions[i].first_token > after)
        {
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
                || self.nouns.contains(&w.to_lowercase())
                || Self::gender(cx, w).is_some()
        });
        if blocked {
            return;
        }
        let first = ents.mentions[ents.entities[e].mentions[0]].span;
        out.push(drift(rule, text, tokens[k].span, known, m.span, first));
    }
}

/// The finding for a pronoun at `span` that contradicts `known`, the gender of the person
/// named at `named` and introduced at `intro`.
fn drift(rule: &Rule, text: &str, span: Span, known: Gender, named: Span, intro: Span) -> Finding {
    let f = rule.finding(span, span.of(text));
    let established_as = match known {
        Gender::Male => "he",
        Gender::Female => "she",
    };
    let message = f
        .message
        .replace("{canonical}", established_as)
        .replace("{name}", named.of(text));
    f.with_message(message)
        .with_suggestion(swap(span.of(text), known))
        .with_canonical(format!("{} ({established_as})", intro.of(text)), intro)
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
        let quoted = |k: usize| crate::entities::inside(&ents.quotes, tokens[k].span.start);
        let first_person = |k: usize| {
            tokens[k].kind == TokenKind::Word
                && self.pronouns.contains(&cx.tok(&tokens[k]).to_lowercase())
        };
        let mut hits: Vec<usize> = Vec::new();
        for s in cx.doc.sentences() {
            let range = s.tokens.clone();
            for k in range.clone() {
                let t = &tokens[k];
                if t.kind != TokenKind::Word
                    || !self.verbs.contains(&cx.tok(t).to_lowercase())
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
        let mut reported_from: Vec<(usize, usize)> = hits
            .iter()
            .filter_map(|&k| {
                cx.doc
                    .sentences()
                    .iter()
                    .find(|s| s.tokens.contains(&k))
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
            let span = tokens[k].span;
            out.push(rule.finding(span, span.of(text)));
        }
    }
}
