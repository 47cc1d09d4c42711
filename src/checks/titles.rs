//! `title-drift`: a person introduced with a past title ("former President Donald Trump") and
//! later given the bare title in narration ("President Trump"). Quoted speech is exempt: a
//! speaker may say "President Trump".

use super::{Builder, Context};
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

#[derive(Debug)]
pub struct TitleDrift;

impl TitleDrift {
    pub fn build(_: &mut Builder) -> Result<Self, Error> {
        Ok(Self)
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let ents = cx.entities();
        let text = cx.text();
        for e in ents.entities.iter().filter(|e| e.is_person) {
            let mentions: Vec<_> = e.mentions.iter().map(|&i| &ents.mentions[i]).collect();
            let Some(pos) = mentions.iter().position(|m| m.past && m.title.is_some()) else {
                continue;
            };
            let intro = mentions[pos];
            let (Some(title), Some(title_span)) = (intro.title, intro.title_span) else {
                continue;
            };
            // The words before the title: "former", "ex-", "the late".
            let before = text[intro.span.start..title_span.start].trim_end();
            let modifier = if before.ends_with('-') {
                before
            } else {
                before.split_whitespace().next().unwrap_or(before)
            };
            let canonical = intro.span.of(text).to_string();
            for m in &mentions[pos + 1..] {
                if m.past || m.in_quote || m.title != Some(title) {
                    continue;
                }
                let Some(ts) = m.title_span else { continue };
                let span = ts.cover(m.surname_span);
                let f = rule.finding(span, span.of(text));
                let message = f.message.replace("{canonical}", &canonical);
                let sep = if modifier.ends_with('-') { "" } else { " " };
                out.push(
                    f.with_message(message)
                        .with_suggestion(Some(format!("{modifier}{sep}{}", span.of(text))))
                        .with_canonical(canonical.clone(), intro.span),
                );
            }
        }
    }
}
