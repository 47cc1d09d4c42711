//! `register-drift`: a document that addresses its reader in two registers (German Sie and
//! du, French vous and tu, Spanish usted and tú, Japanese です・ます and だ・である). Each
//! sentence is classed by the first match of the `formal` or `informal` patterns outside
//! quoted speech; the register of most sentences is the document's, and the matches of
//! the other are flagged (on a tie, the register used first wins).

use regex::Regex;

use super::{Builder, Context};
use crate::document::Span;
use crate::entities::inside;
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

#[derive(Debug)]
pub struct RegisterDrift {
    formal: Vec<Regex>,
    informal: Vec<Regex>,
}

impl RegisterDrift {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        let ic = b.ignore_case();
        let formal = b.regexes(&b.spec.formal, ic)?;
        let informal = b.regexes(&b.spec.informal, ic)?;
        if formal.is_empty() || informal.is_empty() {
            return Err(b.error("kind `register-drift` needs `formal` and `informal` patterns"));
        }
        Ok(Self { formal, informal })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let text = cx.text();
        let quotes = &cx.entities().quotes;
        // (is_formal, span of the marker)
        let mut marks: Vec<(bool, Span)> = Vec::new();
        for s in cx.doc.sentences() {
            let sentence = s.span.of(text);
            // The first match outside quoted speech.
            let find = |list: &[Regex]| {
                list.iter()
                    .filter_map(|r| {
                        r.find_iter(sentence)
                            .find(|m| !inside(quotes, s.span.start + m.start()))
                    })
                    .min_by_key(|m| m.start())
                    .map(|m| Span::new(s.span.start + m.start(), s.span.start + m.end()))
            };
            match (find(&self.formal), find(&self.informal)) {
                (Some(f), Some(i)) => {
                    marks.push((f.start <= i.start, if f.start <= i.start { f } else { i }))
                }
                (Some(f), None) => marks.push((true, f)),
                (None, Some(i)) => marks.push((false, i)),
                (None, None) => {}
            }
        }
        let formal = marks.iter().filter(|m| m.0).count();
        let informal = marks.len() - formal;
        if formal == 0 || informal == 0 {
            return;
        }
        let house_formal = match formal.cmp(&informal) {
            std::cmp::Ordering::Greater => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Equal => marks[0].0,
        };
        let Some(&(_, canon)) = marks.iter().find(|m| m.0 == house_formal) else {
            return;
        };
        let canonical = canon.of(text).to_string();
        let register = if house_formal { "formal" } else { "informal" };
        for &(_, span) in marks.iter().filter(|m| m.0 != house_formal) {
            let f = rule.finding(span, span.of(text));
            let message = f
                .message
                .replace("{register}", register)
                .replace("{canonical}", &canonical);
            out.push(
                f.with_message(message)
                    .with_canonical(canonical.clone(), canon),
            );
        }
    }
}
