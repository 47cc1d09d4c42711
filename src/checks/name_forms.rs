//! `name-form`: one person's full name written two ways, compared as token sequences, and one
//! name written with and without its diacritics.
//!
//! - Full names (two or more name tokens) are keyed by their tokens folded (lowercase, no
//!   diacritics), rewritten through the pair's `[transliteration]` table (Hepburn and Kunrei:
//!   Syunsuke = Shunsuke, Kouji = Koji) and the `surname-equivalents` of `[people]` (Lee = Yi),
//!   and sorted, so swapped order (Mariko Shinoda / Shinoda Mariko) meets too. Within a key,
//!   the form written most often is the name; on a tie the first one. The others are flagged.
//! - Any name token (person or place) written in two ways that differ only in diacritics
//!   (Wiśniewski / Wisniewski, Hokkaidō / Hokkaido) is flagged the same way.
//!
//! Quoted speech counts like narration: a name is spelled one way throughout.

use rustc_hash::FxHashMap;

use super::{Builder, Context};
use crate::document::Span;
use crate::entities::fold;
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

#[derive(Debug)]
pub struct NameForm;

/// The written forms of one key, in order of first use: (form, spans).
type Forms = Vec<(String, Vec<Span>)>;

fn add(
    groups: &mut FxHashMap<String, Forms>,
    order: &mut Vec<String>,
    key: String,
    written: &str,
    span: Span,
) {
    let forms = groups.entry(key.clone()).or_insert_with(|| {
        order.push(key);
        Vec::new()
    });
    match forms.iter_mut().find(|(w, _)| w == written) {
        Some((_, spans)) => spans.push(span),
        None => forms.push((written.to_string(), vec![span])),
    }
}

impl NameForm {
    pub fn build(_: &mut Builder) -> Result<Self, Error> {
        Ok(Self)
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let ents = cx.entities();
        let text = cx.text();
        let people = cx.people;
        let norm = |w: &str| -> String {
            let f = fold(w);
            match people.surname_equivalents.get(&f) {
                Some(canon) => canon.clone(),
                None => people.transliterate(&f),
            }
        };
        let mut full: FxHashMap<String, Forms> = FxHashMap::default();
        let mut full_order = Vec::new();
        let mut marks: FxHashMap<String, Forms> = FxHashMap::default();
        let mut marks_order = Vec::new();
        // Keys of full names that some mention shows to be a person's.
        let mut person_keys: rustc_hash::FxHashSet<String> = Default::default();
        for (i, m) in ents.mentions.iter().enumerate() {
            let surname = m.surname(text);
            if let (Some(given), Some(gs)) = (m.given(text), m.given_span) {
                let (first, last) = if gs.start < m.surname_span.start {
                    (gs, m.surname_span)
                } else {
                    (m.surname_span, gs)
                };
                add(&mut marks, &mut marks_order, fold(given), given, gs);
                // Two name tokens only: longer runs are often names of organisations.
                if text[first.end..last.start].chars().all(char::is_whitespace) {
                    let mut key = [norm(given), norm(surname)];
                    key.sort();
                    let key = key.join(" ");
                    if ents.entity(i).is_some_and(|e| e.is_person) {
                        person_keys.insert(key.clone());
                    }
                    add(
                        &mut full,
                        &mut full_order,
                        key,
                        first.cover(last).of(text),
                        first.cover(last),
                    );
                }
            }
            add(
                &mut marks,
                &mut marks_order,
                ents.folded(m).to_string(),
                surname,
                m.surname_span,
            );
        }
        let before = out.len();
        for key in full_order.iter().filter(|k| person_keys.contains(*k)) {
            self.report(rule, text, &full[key], |_, _| true, out);
        }
        // Spans already reported as full names, so a name is reported once.
        let mut covered: Vec<Span> = out[before..].iter().map(|f| f.span).collect();
        covered.sort_by_key(|s| s.start);
        let mut diacritics = Vec::new();
        // Diacritic-only differences: the forms differ, but not only in case.
        for key in &marks_order {
            self.report(
                rule,
                text,
                &marks[key],
                |a, b| a.to_lowercase() != b.to_lowercase() && a.chars().count() >= 3,
                &mut diacritics,
            );
        }
        out.extend(diacritics.into_iter().filter(|f: &Finding| {
            let i = covered.partition_point(|s| s.end <= f.span.start);
            covered.get(i).is_none_or(|s| s.start >= f.span.end)
        }));
    }

    fn report(
        &self,
        rule: &Rule,
        text: &str,
        forms: &Forms,
        differ: impl Fn(&str, &str) -> bool,
        out: &mut Vec<Finding>,
    ) {
        if forms.len() < 2 {
            return;
        }
        // The most frequent form; on a tie the first.
        let Some((canon, cspans)) = forms
            .iter()
            .enumerate()
            .max_by_key(|(i, (_, s))| (s.len(), std::cmp::Reverse(*i)))
            .map(|(_, f)| f)
        else {
            return;
        };
        for (w, spans) in forms {
            if w == canon || !differ(w, canon) {
                continue;
            }
            for &span in spans {
                let f = rule.finding(span, span.of(text));
                let message = f
                    .message
                    .replace("{canonical}", canon)
                    .replace("{count}", &cspans.len().to_string());
                out.push(
                    f.with_message(message)
                        .with_suggestion(Some(canon.clone()))
                        .with_canonical(canon.clone(), cspans[0]),
                );
            }
        }
    }
}
