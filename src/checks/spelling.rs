//! `spelling-variety`: one spelling variety per document. `replace` pairs the forms of one
//! variety with those of the other (US `color` = UK `colour`); the document's variety is the
//! side with more uses (on a tie, the side of the first use), and each use of the other side is
//! flagged, suggesting its counterpart. Nothing is flagged when the majority has fewer than
//! `min` uses (default 1).
//!
//! Proper names keep their own spelling (Labour Party, Rockefeller Center, Pearl Harbor): a
//! capitalised form that does not open a sentence, or that a capitalised word follows, is not
//! counted, and `exceptions` (regexes on
//! the line) cancel the uses they overlap. One Aho-Corasick scan (a case-insensitive DFA); linear
//! in the text.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::Regex;

use super::{Builder, Context};
use crate::document::Span;
use crate::document::tokens::capitalize;
use crate::error::Error;
use crate::finding::Finding;
use crate::rules::Rule;

#[derive(Debug)]
pub struct SpellingVariety {
    matcher: AhoCorasick,
    /// For pattern `i`: its counterpart, and whether it is a key (side A) of `replace`.
    forms: Vec<(String, bool)>,
    min: usize,
    exceptions: Vec<Regex>,
}

struct Use {
    span: Span,
    side_a: bool,
    form: usize,
}

impl SpellingVariety {
    pub fn build(b: &mut Builder) -> Result<Self, Error> {
        let pairs: Vec<(String, String)> = match &b.spec.replace {
            Some(m) if !m.is_empty() => m
                .iter()
                .map(|(k, v)| (k.to_lowercase(), v.to_lowercase()))
                .collect(),
            _ => {
                return Err(b.error("kind `spelling-variety` needs a non-empty `replace` table"));
            }
        };
        let mut patterns = Vec::with_capacity(pairs.len() * 2);
        let mut forms = Vec::with_capacity(pairs.len() * 2);
        for (a, v) in &pairs {
            if a == v {
                return Err(b.error(format!("`replace` pairs \"{a}\" with itself")));
            }
            patterns.push(a.clone());
            forms.push((v.clone(), true));
            patterns.push(v.clone());
            forms.push((a.clone(), false));
        }
        // A DFA: hundreds of patterns over all letters leave no useful prefilter, and the
        // whole text is scanned, so a transition per byte beats the default NFA several times.
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .map_err(|e| b.error(format!("cannot build the `replace` table: {e}")))?;
        Ok(Self {
            matcher,
            forms,
            min: b.spec.min.unwrap_or(1).max(1),
            exceptions: b.regexes(&b.spec.exceptions, false)?,
        })
    }

    pub fn run(&self, cx: &Context, rule: &Rule, out: &mut Vec<Finding>) {
        let text = cx.text();
        let mut uses: Vec<Use> = Vec::new();
        for m in self.matcher.find_iter(text) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '-')
                || after.is_some_and(|c| c.is_alphanumeric() || c == '-')
            {
                continue;
            }
            let span = Span::new(m.start(), m.end());
            let word = span.of(text);
            if super::is_capitalized(word)
                && (!opens_sentence(text, span.start) || next_is_capitalized(text, span.end))
            {
                continue; // a name: Labour, Harbor Freight, Centre Pompidou, Labor Secretary
            }
            if word.chars().filter(|c| c.is_uppercase()).count() > 1 {
                continue; // capitals: a heading or an acronym
            }
            if self.excepted(text, span) {
                continue;
            }
            let form = m.pattern().as_usize();
            uses.push(Use {
                span,
                side_a: self.forms[form].1,
                form,
            });
        }
        let a = uses.iter().filter(|u| u.side_a).count();
        let b = uses.len() - a;
        if a.min(b) == 0 || a.max(b) < self.min {
            return;
        }
        // On a tie, the variety of the first marked word is the document's.
        let majority_a = if a == b { uses[0].side_a } else { a > b };
        let Some(canon) = uses.iter().find(|u| u.side_a == majority_a) else {
            return;
        };
        let canon_text = canon.span.of(text).to_string();
        let count = a.max(b).to_string();
        for u in uses.iter().filter(|u| u.side_a != majority_a) {
            let matched = u.span.of(text);
            let mut replacement = self.forms[u.form].0.clone();
            if super::is_capitalized(matched) {
                replacement = capitalize(&replacement);
            }
            let f = rule.finding(u.span, matched);
            let suggestion = f.suggestion.clone().map_or(replacement.clone(), |s| {
                s.replace("{replacement}", &replacement)
            });
            let message = f
                .message
                .replace("{replacement}", &replacement)
                .replace("{canonical}", &canon_text)
                .replace("{count}", &count);
            out.push(
                f.with_message(message)
                    .with_suggestion(Some(suggestion))
                    .with_canonical(canon_text.clone(), canon.span),
            );
        }
    }

    fn excepted(&self, text: &str, span: Span) -> bool {
        if self.exceptions.is_empty() {
            return false;
        }
        let start = text[..span.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let end = text[span.end..]
            .find(['\n', '\r'])
            .map_or(text.len(), |i| span.end + i);
        let line = &text[start..end];
        self.exceptions.iter().any(|e| {
            e.find_iter(line)
                .any(|x| start + x.start() < span.end && span.start < start + x.end())
        })
    }
}

/// Whether the next word after `end` (past spaces) is capitalised: "Labor Secretary".
fn next_is_capitalized(text: &str, end: usize) -> bool {
    super::is_capitalized(text[end..].trim_start_matches([' ', '\u{a0}']))
}

/// Whether the word at `start` opens a sentence or a line: nothing before it on the line but
/// opening quotes and brackets, or a terminator before them.
fn opens_sentence(text: &str, start: usize) -> bool {
    for c in text[..start].chars().rev() {
        match c {
            '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | ' ' | '\t' => continue,
            '\n' | '\r' | '.' | '!' | '?' | ':' | '…' => return true,
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::opens_sentence;

    #[test]
    fn sentence_openings() {
        let t = "He left. Colour is back.\n\"Centre\" and the Labour Party";
        assert!(opens_sentence(t, 0));
        assert!(opens_sentence(t, t.find("Colour").unwrap()));
        assert!(opens_sentence(t, t.find("Centre").unwrap()));
        assert!(!opens_sentence(t, t.find("Labour").unwrap()));
    }
}
