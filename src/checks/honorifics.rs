//! `honorific-drift`: a person named with an honorific in a minority of later mentions.
//!
//! The honorific pattern a person gets in most mentions after the first is the house style
//! ("Rutte" four times); the minority mentions are flagged ("Mr. Rutte" once). Mentions in
//! quoted speech, with a given name or a title, and attributive uses ("the Trump
//! administration") do not count. At least `min` counted mentions are needed (default 3).

use super::{Builder, Context};
use crate::entities::Mention;
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

#[derive(Debug)]
pub struct HonorificDrift {
    min: usize,
}

impl HonorificDrift {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            min: b.spec.min.unwrap_or(3).max(2),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let ents = cx.entities();
        let text = cx.text();
        for e in ents.entities.iter().filter(|e| e.is_person) {
            let mut with: Vec<&Mention> = Vec::new();
            let mut without: Vec<&Mention> = Vec::new();
            for m in e.mentions.iter().skip(1).map(|&i| &ents.mentions[i]) {
                if m.in_quote || m.given_span.is_some() || m.title.is_some() || m.attributive {
                    continue;
                }
                if m.honorific_span.is_some() {
                    with.push(m);
                } else {
                    without.push(m);
                }
            }
            if with.len() + without.len() < self.min || with.len() == without.len() {
                continue;
            }
            let (minority, majority) = if with.len() < without.len() {
                (&with, &without)
            } else {
                (&without, &with)
            };
            let Some(canon) = majority.first() else {
                continue;
            };
            let total = with.len() + without.len();
            for m in minority {
                let span = m.span;
                let f = rule.finding(span, span.of(text));
                let canonical = canon.span.of(text).to_string();
                let suggestion = if canon.honorific_span.is_some() {
                    // "Mr. Rutte" for a bare "Rutte"
                    let hon = canon
                        .honorific_span
                        .map_or("", |h| &text[h.start..canon.surname_span.start]);
                    format!("{hon}{}", m.surname(text))
                } else {
                    m.surname(text).to_string()
                };
                let message = f
                    .message
                    .replace("{canonical}", &canonical)
                    .replace("{count}", &majority.len().to_string())
                    .replace("{total}", &total.to_string());
                out.push(
                    f.with_message(message)
                        .with_suggestion(Some(suggestion))
                        .with_canonical(canonical, canon.span),
                );
            }
        }
    }
}

/// `honorific-style`: the house style pooled over everyone. An article that names people bare
/// after their first mention ("Rutte", "Kuznetsov") and gives a courtesy honorific (`Mr.`,
/// `Ms.`: the gendered honorifics of `[people]`) in a small minority of those mentions has
/// drifted there, even for someone mentioned only twice. Professional titles (`Dr.`, `Prof.`)
/// stay out; quoted speech, full names, titles and attributive uses do not count. Needs at
/// least `min` bare mentions (default 4) and at most one honorific per `max` of them (default 4).
#[derive(Debug)]
pub struct HonorificStyle {
    min: usize,
    per: usize,
}

impl HonorificStyle {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        Ok(Self {
            min: b.spec.min.unwrap_or(4).max(2),
            per: b.spec.max.unwrap_or(4).max(2),
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let ents = cx.entities();
        let text = cx.text();
        let people = cx.people;
        let courtesy =
            |h: &str| people.male_honorifics.contains(h) || people.female_honorifics.contains(h);
        let mut bare = 0usize;
        let mut with: Vec<&Mention> = Vec::new();
        for e in ents.entities.iter().filter(|e| e.is_person) {
            for m in e.mentions.iter().skip(1).map(|&i| &ents.mentions[i]) {
                if m.in_quote || m.given_span.is_some() || m.title.is_some() || m.attributive {
                    continue;
                }
                match m.honorific(text) {
                    None => bare += 1,
                    Some(h) if courtesy(h) => with.push(m),
                    Some(_) => {}
                }
            }
        }
        if with.is_empty() || bare < self.min || with.len() * self.per > bare {
            return;
        }
        let total = bare + with.len();
        for m in with {
            let f = rule.finding(m.span, m.span.of(text));
            let message = f
                .message
                .replace("{count}", &bare.to_string())
                .replace("{total}", &total.to_string());
            out.push(
                f.with_message(message)
                    .with_suggestion(Some(m.surname(text).to_string())),
            );
        }
    }
}
