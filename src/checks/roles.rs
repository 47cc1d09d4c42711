//! `role-drift`: a person's role changing between mentions without the text saying so ("First
//! Deputy Mayor Ivan Savin" later "Mayor Savin"; "head coach Ikeda" later "Assistant coach
//! Ikeda"; "Chairwoman Zhou" later "General Manager Zhou").
//!
//! Each person's roles come from the role phrase before their name (rank words and role nouns:
//! "senior forecaster", "Deputy Director") and from an apposition after it ("Koji Nagai,
//! director of the hospital,"; "X, founder and chief executive of Y"). Phrases are compared
//! after the `[people]` equivalences (chair = chairman = chairwoman, CEO = chief executive). A
//! later role phrase outside the person's set is drift when it keeps the role noun and changes
//! the rank words (a rank added, dropped or swapped), or when the person has one role and the
//! later phrase names another. A past role ("former transport minister Gao Wenbin", whose
//! title `title-drift` does not know) later used in the present ("Minister Gao") is drift too.
//! Guards: quoted speech, and a change stated near the phrase (`phrases`: "was named",
//! "promoted").

use rustc_hash::FxHashMap;

use super::{Builder, Context};
use crate::document::{Span, TokenKind};
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

/// Determiners an apposition may open with: ", the company's director", ", directrice de".
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "le", "la", "un", "une", "el", "una", "der", "die", "ein",
    "eine",
];

/// Words that make the following role phrase a complement of another noun.
const COMPLEMENT: &[&str] = &["au", "aux", "du", "de", "des", "del", "of", "à", "des"];

/// Role phrases are at most this many words.
const MAX_PHRASE: usize = 5;
/// A stated change counts within this many tokens of the role phrase.
const CHANGE_WINDOW: usize = 8;
/// … and within this many tokens after the name.
const CHANGE_AFTER: usize = 4;

#[derive(Debug)]
pub struct RoleDrift {
    changes: Vec<String>,
    /// Titles held alongside an office (ranks, honours, church and academic titles, party
    /// posts: "General", "Professor", "Party Secretary"), folded: never compared as another
    /// title.
    companions: rustc_hash::FxHashSet<String>,
}

/// A role phrase: its span, rank words (sorted) and role noun, after equivalences.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Role {
    span: Span,
    ranks: Vec<String>,
    noun: String,
}

/// A role phrase of one mention: (mention index, role, whether from an apposition).
type RoleUse = (usize, Role, bool);

impl Role {
    /// Rank words and noun as one phrase: "general manager".
    fn joined(&self) -> String {
        self.ranks
            .iter()
            .chain(std::iter::once(&self.noun))
            .cloned()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl RoleDrift {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            changes: Builder::set(&b.spec.phrases, true).into_iter().collect(),
            companions: Builder::set(&b.spec.words, true),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let people = cx.people;
        if people.role_nouns.is_empty() {
            return;
        }
        let start = out.len();
        let ents = cx.entities();
        let text = cx.text();
        let tokens = cx.doc.tokens();
        let word = |k: usize| -> String {
            let w = tokens[k].span().of(text);
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("’s"))
                .unwrap_or(w);
            w.to_lowercase()
        };
        let is_word = |k: usize| tokens.get(k).is_some_and(|t| t.kind == TokenKind::Word);
        // Reads a role phrase of words `from..to` (rank words then role nouns); None when a
        // word is neither, or there is no role noun.
        let phrase = |from: usize, to: usize| -> Option<Role> {
            let mut ranks = Vec::new();
            let mut nouns = Vec::new();
            for k in from..to {
                let w = word(k);
                if people.rank_words.contains(&w) && nouns.is_empty() {
                    // Inflected rank words ("stellvertretende", "stellvertretenden") are one.
                    ranks.push(people.role_equivalents.get(&w).cloned().unwrap_or(w));
                } else if people.role_nouns.contains(&w) {
                    nouns.push(w);
                } else {
                    return None;
                }
            }
            if nouns.is_empty() {
                return None;
            }
            let joined = ranks
                .iter()
                .chain(&nouns)
                .cloned()
                .collect::<Vec<_>>()
                .join(" ");
            // Equivalences apply to the whole phrase, then to the noun part.
            if let Some(canon) = people.role_equivalents.get(&joined) {
                // The canonical phrase splits again into rank words and noun ("vice president").
                let words: Vec<&str> = canon.split_whitespace().collect();
                let n = words
                    .iter()
                    .take_while(|w| people.rank_words.contains(**w))
                    .count()
                    .min(words.len().saturating_sub(1));
                let mut ranks: Vec<String> = words[..n].iter().map(|w| w.to_string()).collect();
                ranks.sort();
                return Some(Role {
                    span: tokens[from].span().cover(tokens[to - 1].span()),
                    ranks,
                    noun: words[n..].join(" "),
                });
            }
            let noun = nouns.join(" ");
            let noun = people.role_equivalents.get(&noun).cloned().unwrap_or(noun);
            ranks.sort();
            Some(Role {
                span: tokens[from].span().cover(tokens[to - 1].span()),
                ranks,
                noun,
            })
        };
        let token_at = |offset: usize| tokens.partition_point(|t| t.span().start < offset);
        // The longest role phrase ending just before token `k` (the first name token).
        let before = |name: usize| -> Option<(Role, bool)> {
            let mut best = None;
            // "the administrative director, Marc Delorme": the phrase ends at the comma.
            let comma = name > 0 && tokens[name - 1].span().of(text) == ",";
            let k = if comma { name - 1 } else { name };
            let mut from = k;
            while from > 0 && k - from < MAX_PHRASE {
                let j = from - 1;
                if !is_word(j) {
                    break;
                }
                let gap = &text[tokens[j].span().end..tokens[j + 1].span().start];
                if gap != " " && !(comma && j + 1 == k) {
                    break;
                }
                let w = word(j);
                if people.past_modifiers.contains(&w) {
                    return best.map(|(r, _)| (r, true));
                }
                if !people.rank_words.contains(&w) && !people.role_nouns.contains(&w) {
                    // One qualifier between a past modifier and the role: "former transport
                    // minister", "ex-finance director".
                    let past = j > 0
                        && is_word(j - 1)
                        && &text[tokens[j - 1].span().end..tokens[j].span().start] == " "
                        && people.past_modifiers.contains(&word(j - 1));
                    if past {
                        return best.map(|(r, _)| (r, true));
                    }
                    break;
                }
                from = j;
                if let Some(r) = phrase(from, k) {
                    best = Some((r, false));
                }
            }
            // A role inside a complement is someone else's: "l'adjointe au maire Ana Roux".
            if let Some((r, _)) = &best {
                let at = token_at(r.span.start);
                if at > 0 && is_word(at - 1) && COMPLEMENT.contains(&word(at - 1).as_str()) {
                    return None;
                }
            }
            // Before a comma, only a phrase that opens with a determiner ("the mayor, Ana
            // Ruiz"): in a list ("met the mayor, Ana Ruiz and …") the role may be someone else's.
            if comma {
                let (r, _) = best.as_ref()?;
                let at = token_at(r.span.start);
                let det = at > 0 && is_word(at - 1) && DETERMINERS.contains(&word(at - 1).as_str());
                let listed = tokens
                    .get(name + 2)
                    .is_some_and(|t| matches!(t.span().of(text), "and" | "et" | "y" | "und"))
                    || tokens
                        .get(name + 3)
                        .is_some_and(|t| matches!(t.span().of(text), "and" | "et" | "y" | "und"));
                if !det || listed {
                    return None;
                }
            }
            // "ex-Director": the word before the phrase is a past modifier with a hyphen.
            best
        };
        // Role phrases in an apposition after token `k` (the last name token): ", [det]
        // phrase (and phrase)* (of|at|for|,)".
        let after = |k: usize| -> Vec<Role> {
            let mut out = Vec::new();
            let mut j = k + 1;
            if tokens.get(j).map(|t| t.span().of(text)) != Some(",") {
                return out;
            }
            j += 1;
            loop {
                if is_word(j) && DETERMINERS.contains(&word(j).as_str()) {
                    j += 1;
                }
                // One possessive: "the hospital's director".
                if is_word(j) {
                    let w = tokens[j].span().of(text);
                    if w.ends_with("'s") || w.ends_with("’s") {
                        j += 1;
                    }
                }
                let start = j;
                while is_word(j)
                    && j - start < MAX_PHRASE
                    && (people.rank_words.contains(&word(j))
                        || people.role_nouns.contains(&word(j)))
                {
                    j += 1;
                }
                let Some(r) = (j > start).then(|| phrase(start, j)).flatten() else {
                    break;
                };
                out.push(r);
                if is_word(j) && word(j) == "and" {
                    j += 1;
                    continue;
                }
                break;
            }
            out
        };
        // Roles per entity, in mention order: (mention, role, from an introduction).
        let mut roles: FxHashMap<usize, Vec<RoleUse>> = FxHashMap::default();
        let mut past_roles: FxHashMap<usize, Vec<(usize, Role)>> = FxHashMap::default();
        // Mentions whose role stands before a comma ("the mayor, Ana Roux"): a later one is
        // checked even with the full name.
        let mut comma_form: rustc_hash::FxHashSet<usize> = rustc_hash::FxHashSet::default();
        for (i, m) in ents.mentions.iter().enumerate() {
            // A full name with a role phrase is a person too ("Marc Roy, directeur général").
            let Some(e) = ents.entity_of[i]
                .filter(|&e| ents.entities[e].is_person || ents.mentions[i].given_span.is_some())
            else {
                continue;
            };
            // The name's first token, in either order ("Lee Ji-won" keeps the surname first).
            let name_start = m
                .given_span
                .map_or(m.surname_span.start, |g| g.start.min(m.surname_span.start));
            let first = token_at(name_start);
            let last = token_at(m.surname_span.start);
            let list = roles.entry(e).or_default();
            if let Some((r, past)) = before(first) {
                if !past && !m.past {
                    if first > 0 && tokens[first - 1].span().of(text) == "," {
                        comma_form.insert(i);
                    }
                    list.push((i, r, false));
                } else if m.title.is_none() {
                    // A past role that `title-drift` cannot see (its title is not a listed one).
                    past_roles.entry(e).or_default().push((i, r));
                }
            }
            for r in after(last) {
                list.push((i, r, true));
            }
        }
        let mut entities: Vec<(usize, Vec<RoleUse>)> = roles.into_iter().collect();
        entities.sort_by_key(|(e, _)| *e);
        for (e, list) in &entities {
            // "Former transport minister Gao Wenbin" later "Minister Gao": the past modifier is
            // dropped. Only when the person never holds the role in the present tense.
            let Some(past) = past_roles.get(e) else {
                continue;
            };
            let Some((intro_m, intro)) = past.first() else {
                continue;
            };
            for (mi, r, app) in list {
                let m = &ents.mentions[*mi];
                if *app
                    || mi < intro_m
                    || m.in_quote
                    || m.past
                    || r.noun != intro.noun
                    || r.ranks != intro.ranks
                    || self.states_change(cx, r.span.cover(m.surname_span))
                {
                    continue;
                }
                let span = r.span.cover(m.surname_span);
                // From the past modifier to the end of the name.
                let at = token_at(intro.span.start);
                let from = (at.saturating_sub(2)..at)
                    .find(|&k| people.past_modifiers.contains(&word(k)))
                    .unwrap_or(at);
                let intro_span = tokens[from].span().cover(ents.mentions[*intro_m].span);
                let canonical = intro_span.of(text).to_string();
                let f = rule.finding(span, span.of(text));
                let message = f.message.replace("{canonical}", &canonical);
                out.push(
                    f.with_message(message)
                        .with_canonical(canonical, intro_span),
                );
            }
        }
        for (_, list) in entities {
            let Some(&(intro_m, ref intro, _)) = list.first() else {
                continue;
            };
            // The person's roles: the first one, those of mentions with the full name, and those
            // in appositions.
            let known: Vec<&Role> = list
                .iter()
                .filter(|(mi, _, app)| {
                    *mi == intro_m
                        || *app
                        || (ents.mentions[*mi].given_span.is_some() && !comma_form.contains(mi))
                })
                .map(|(_, r, _)| r)
                .collect();
            let same = |a: &Role, b: &Role| a.noun == b.noun && a.ranks == b.ranks;
            // The distinct known roles: few (the role vocabulary is a closed class), so the
            // look-ups below do not grow with the mentions.
            let mut kinds: Vec<&Role> = Vec::new();
            for r in &known {
                if !kinds.iter().any(|k| same(k, r)) {
                    kinds.push(r);
                }
            }
            let single = kinds.len() == 1;
            let known = kinds;
            for (mi, r, app) in &list {
                let m = &ents.mentions[*mi];
                if *app || m.in_quote || known.iter().any(|k| same(k, r)) {
                    continue;
                }
                let rank_drift = known.iter().any(|k| k.noun == r.noun);
                let exclusive = |x: &Role| people.exclusive_roles.contains(&x.joined());
                let role_change = single && exclusive(intro) && exclusive(r);
                if !(rank_drift || role_change) {
                    continue;
                }
                if self.states_change(cx, r.span.cover(m.surname_span)) {
                    continue;
                }
                let span = r.span.cover(m.surname_span);
                let canonical = format!("{} {}", intro.span.of(text), m.surname(text));
                let f = rule.finding(span, span.of(text));
                let message = f.message.replace("{canonical}", &canonical);
                out.push(
                    f.with_message(message)
                        .with_suggestion(Some(canonical.clone()))
                        .with_canonical(canonical, intro.span),
                );
            }
        }
        self.other_titles(cx, rule, start, out);
    }

    /// A person introduced with one title of office and later given another ("Director
    /// Samuel Achterberg", later "Governor Achterberg"): both titles from the `[people]`
    /// list, neither a part of the other ("Deputy Minister" / "Minister" is rank drift, left
    /// to the role phrases), the later one used once for the person and never with their full
    /// name, not a title held alongside an office (`words`), not named in words in a sentence
    /// about the person before it ("Voss, who is also the governor,"), and no change stated
    /// near it (`phrases`). Quoted speech is exempt. Only for rules that list those titles:
    /// without the list, ranks and offices cannot be told apart.
    fn other_titles(&self, cx: &Context, rule: &Rule, from: usize, out: &mut Vec<Finding>) {
        if self.companions.is_empty() {
            return;
        }
        let ents = cx.entities();
        let text = cx.text();
        let doc = cx.doc;
        let words_of = |t: &str| -> Vec<String> {
            t.split(|c: char| c.is_whitespace() || c == '-')
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect()
        };
        for e in ents.entities.iter().filter(|e| e.is_person) {
            let Some(&intro_i) = e
                .mentions
                .iter()
                .find(|&&i| ents.mentions[i].title.is_some())
            else {
                continue;
            };
            let intro = &ents.mentions[intro_i];
            let Some(intro_title) = ents.title(intro) else {
                continue;
            };
            // Titles the person holds: the first one and those given with the full name.
            let known: Vec<u32> = e
                .mentions
                .iter()
                .map(|&i| &ents.mentions[i])
                .filter(|m| m.given_span.is_some() || std::ptr::eq(*m, intro))
                .filter_map(|m| m.title)
                .collect();
            let intro_words = words_of(intro_title);
            if self.companions.contains(&intro_title.to_lowercase()) {
                continue;
            }
            for &i in e.mentions.iter().filter(|&&i| i > intro_i) {
                let m = &ents.mentions[i];
                let (Some(t), Some(title), Some(ts)) = (m.title, ents.title(m), m.title_span)
                else {
                    continue;
                };
                if m.in_quote || m.past || known.contains(&t) {
                    continue;
                }
                let uses = e
                    .mentions
                    .iter()
                    .filter(|&&j| ents.mentions[j].title == Some(t))
                    .count();
                let later = words_of(title);
                let part = |a: &[String], b: &[String]| a.iter().all(|w| b.contains(w));
                if uses > 1
                    || self.companions.contains(&title.to_lowercase())
                    || part(&later, &intro_words)
                    || part(&intro_words, &later)
                {
                    continue;
                }
                let span = ts.cover(m.surname_span);
                if out[from..].iter().any(|f| f.span == span) || self.states_change(cx, span) {
                    continue;
                }
                // The later title named in words, outside this mention, in a sentence that
                // names the person before it: a second office the text gives them.
                let named = e
                    .mentions
                    .iter()
                    .filter(|&&j| j < i)
                    .map(|&j| ents.mentions[j].sentence)
                    .chain(std::iter::once(m.sentence))
                    .any(|s| {
                        let Some(s) = doc.sentences().get(s) else {
                            return false;
                        };
                        let toks = doc.sentence_tokens(s);
                        toks.iter().enumerate().any(|(k, tok)| {
                            let at = tok.span();
                            if at.start >= ts.start && at.end <= ts.end {
                                return false;
                            }
                            later.iter().enumerate().all(|(n, w)| {
                                toks.get(k + n)
                                    .is_some_and(|x| x.span().of(text).eq_ignore_ascii_case(w))
                            })
                        })
                    });
                if named {
                    continue;
                }
                let canonical = intro.span.of(text).to_string();
                let f = rule.finding(span, span.of(text));
                let message = f.message.replace("{canonical}", &canonical);
                out.push(
                    f.with_message(message)
                        .with_canonical(canonical, intro.span),
                );
            }
        }
    }

    /// Whether a change phrase stands within `CHANGE_WINDOW` words before the role phrase or
    /// `CHANGE_AFTER` after it.
    fn states_change(&self, cx: &Context, span: Span) -> bool {
        let tokens = cx.doc.tokens();
        let text = cx.text();
        let from = tokens.partition_point(|t| t.span().end <= span.start);
        let to = tokens.partition_point(|t| t.span().start < span.end);
        let lo = from.saturating_sub(CHANGE_WINDOW);
        // After the name only a few words ("Savin, newly appointed,"): a change further on
        // belongs to what the person says ("Nagai said the passwords had been replaced").
        let hi = (to + CHANGE_AFTER).min(tokens.len());
        if lo >= hi {
            return false;
        }
        let window = text[tokens[lo].span().start..tokens[hi - 1].span().end].to_lowercase();
        self.changes.iter().any(|p| {
            window.match_indices(p.as_str()).any(|(i, _)| {
                let ok_before = window[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let ok_after = window[i + p.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric());
                ok_before && ok_after
            })
        })
    }
}
