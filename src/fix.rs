//! Structured fixes: which findings can be repaired by a literal edit, what the edit is, and
//! applying a file's edits.
//!
//! A finding gets a [`Fix`] only when the change is safe and literal: the text to write is known
//! exactly and nothing of the meaning is guessed. Fixability is decided here, per check kind, in
//! one table ([`FIXERS`]), from the finding and the text it was found in; rule files and checks
//! need not know about it. Everything else a rule suggests ("delete the line", "translate it")
//! is advice, reported as `help`.
//!
//! | kind | fix |
//! |---|---|
//! | `doubled-word` | keep one of the two words ("of of" → "of") |
//! | `glued-words` | the suggested split (one space), unless a lowercase word runs into a capital |
//! | `leaked-particle` | delete the particle with the space before it (and a comma left dangling) |
//! | `unicode` | delete invisible and control characters; delete a stray U+FFFD that stands alone; NFC |
//! | `substitution`, `spelling-variety` | the replacement, when the rule's suggestion is exactly `{replacement}` |
//! | `pattern` | only the rules of [`LITERAL_PATTERNS`], e.g. a space before punctuation |

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::document::Span;
use crate::finding::Finding;
use crate::rules::Rule;

/// A literal repair of a finding: edits to the file as read.
#[derive(Clone, Debug, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Fix {
    pub edits: Vec<Edit>,
}

/// Replace the bytes of `span` with `replacement` (empty: delete them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Edit {
    #[schemars(with = "crate::report::SpanSchema")]
    pub span: Span,
    pub replacement: String,
}

impl Edit {
    pub fn new(span: Span, replacement: impl Into<String>) -> Self {
        Self {
            span,
            replacement: replacement.into(),
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Fixer {
    Doubled,
    Glued,
    Particle,
    Unicode,
    Replacement,
    SpaceBeforePunctuation,
}

/// Check kinds whose findings can be fixed, and how.
const FIXERS: &[(&str, Fixer)] = &[
    ("doubled-word", Fixer::Doubled),
    ("glued-words", Fixer::Glued),
    ("leaked-particle", Fixer::Particle),
    ("unicode", Fixer::Unicode),
    ("substitution", Fixer::Replacement),
    ("spelling-variety", Fixer::Replacement),
];

/// Rules of the generic `pattern` kind whose match is literally repairable. (French sets a
/// narrow space before `;:!?`, so only a language that sets none may drop it.)
pub const LITERAL_PATTERNS: &[(&str, &str)] = &[("en/space-before-punctuation", "drop-space")];

fn fixer_of(rule: &Rule) -> Option<Fixer> {
    if rule.kind == "pattern" {
        return LITERAL_PATTERNS
            .iter()
            .any(|(id, _)| *id == &*rule.id)
            .then_some(Fixer::SpaceBeforePunctuation);
    }
    FIXERS
        .iter()
        .find(|(kind, _)| *kind == rule.kind)
        .map(|&(_, f)| f)
}

/// Whether findings of this rule may carry a fix.
pub fn is_fixable(rule: &Rule) -> bool {
    fixer_of(rule).is_some()
}

/// The fix of `finding` (of `rule`, in `text`, the file as read), when it is safe and literal.
pub fn fix_for(rule: &Rule, finding: &Finding, text: &str) -> Option<Fix> {
    let span = finding.span;
    if span.end > text.len()
        || span.start >= span.end
        || !text.is_char_boundary(span.start)
        || !text.is_char_boundary(span.end)
    {
        return None;
    }
    let matched = span.of(text);
    let suggestion = finding.suggestion.as_deref();
    let edit = match fixer_of(rule)? {
        Fixer::Doubled => {
            let s = suggestion.filter(|s| !s.is_empty())?;
            let joined: String = matched.split_whitespace().collect();
            let twice = format!("{s}{s}");
            (joined.to_lowercase() == twice.to_lowercase() && matched.starts_with(s))
                .then(|| Edit::new(span, s))?
        }
        Fixer::Glued => {
            let s = suggestion?;
            // A lowercase word run into a capital may have lost a full stop as likely as a space
            // ("importsPolice said": "imports. Police said"): advice, not a fix. A capitalised
            // first word ("TheCouncil") or a lowercase second one ends no sentence.
            let (first, second) = s.split_once(' ')?;
            (s.matches(' ').count() == 1
                && s.replace(' ', "") == matched
                && !first.is_empty()
                && (first.starts_with(char::is_uppercase)
                    || !second.starts_with(char::is_uppercase)))
            .then(|| Edit::new(span, s))?
        }
        Fixer::Particle => particle(text, span)?,
        Fixer::Unicode => unicode(text, span)?,
        Fixer::Replacement => {
            let s = suggestion?;
            (rule.suggestion.as_deref() == Some("{replacement}")
                && !s.is_empty()
                && s != matched
                && !s.contains(['\n', '\r']))
            .then(|| Edit::new(span, s))?
        }
        Fixer::SpaceBeforePunctuation => {
            let trimmed = matched.trim_start_matches(' ');
            let mut chars = trimmed.chars();
            let punct = chars.next()?;
            (trimmed.len() < matched.len()
                && chars.next().is_none()
                && matches!(punct, ',' | ';' | ':' | '!' | '?' | '.'))
            .then(|| Edit::new(span, trimmed))?
        }
    };
    Some(Fix { edits: vec![edit] })
}

/// A leaked particle: a whole sentence ("Thursday. Ta. Then") goes with the space before it; a
/// word inside a sentence goes with the space before it, and with a comma before that when
/// punctuation follows ("said, ne." → "said."); a suffix ("Tanaka-ne") goes alone.
fn particle(text: &str, span: Span) -> Option<Edit> {
    let matched = span.of(text);
    if matched.starts_with('-') {
        return Some(Edit::new(span, ""));
    }
    if !matched
        .trim_end_matches(['.', '!', '?', '。'])
        .chars()
        .all(char::is_alphabetic)
    {
        return None;
    }
    let before = &text[..span.start];
    let after = &text[span.end..];
    // Never glue two words: a letter or digit right before or after is not a word boundary.
    let touches = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    if touches(before.chars().next_back()) || touches(after.chars().next()) {
        return None;
    }
    let spaces = before.len() - before.trim_end_matches([' ', '\t']).len();
    let mut start = span.start - spaces;
    if spaces == 0 {
        // At the start of a line: take the spaces after it instead.
        let trailing = after.len() - after.trim_start_matches([' ', '\t']).len();
        if !(start == 0 || before.ends_with('\n')) {
            return None;
        }
        return Some(Edit::new(Span::new(span.start, span.end + trailing), ""));
    }
    let ends_sentence = matched.ends_with(['.', '!', '?', '。']);
    if !ends_sentence
        && text[..start].ends_with(',')
        && after.starts_with(['.', ',', ';', ':', '!', '?'])
    {
        start -= 1;
    }
    Some(Edit::new(Span::new(start, span.end), ""))
}

/// Unicode damage: invisible and control characters are deleted; a replacement character
/// (U+FFFD) only when it stands alone (inside a word it marks a lost letter: deleting it would
/// misspell the word); text not in NFC is normalised.
fn unicode(text: &str, span: Span) -> Option<Edit> {
    let matched = span.of(text);
    if matched.chars().all(invisible) {
        return Some(Edit::new(span, ""));
    }
    if matched.chars().all(|c| c == '\u{fffd}') {
        let before = text[..span.start].chars().next_back();
        let after = text[span.end..].chars().next();
        let alone = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        return (alone(before) && alone(after)).then(|| {
            // With one space of the two around it, so no double space is left.
            let end = if before.is_none_or(char::is_whitespace) && after == Some(' ') {
                span.end + 1
            } else {
                span.end
            };
            Edit::new(Span::new(span.start, end), "")
        });
    }
    let nfc: String = matched.nfc().collect();
    (nfc != matched && !matched.chars().any(invisible)).then(|| Edit::new(span, nfc))
}

/// Characters with no visible form that damage text: format and control characters other
/// than the line and tab controls (joiners are left to the check that reported them).
pub fn invisible(c: char) -> bool {
    matches!(c,
        '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{00ad}' | '\u{200e}' | '\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{180e}')
        || (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// Two edits that cannot both be applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overlap {
    pub first: Span,
    pub second: Span,
}

/// The edits of one file, sorted, with identical duplicates removed; edits that overlap another
/// are left out and returned apart (both of them: neither is safe to choose), so applying is
/// the same on every run.
pub fn plan(mut edits: Vec<Edit>) -> (Vec<Edit>, Vec<Overlap>) {
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    edits.dedup();
    let mut clash = vec![false; edits.len()];
    let mut overlaps = Vec::new();
    for i in 0..edits.len() {
        for j in i + 1..edits.len() {
            let (a, b) = (edits[i].span, edits[j].span);
            if b.start > a.end {
                break; // sorted by start: no later edit reaches back into `a`
            }
            // Overlapping ranges, or two edits starting at one point (order unknown).
            if b.start < a.end || b.start == a.start {
                clash[i] = true;
                clash[j] = true;
                overlaps.push(Overlap {
                    first: a,
                    second: b,
                });
            }
        }
    }
    let kept = edits
        .into_iter()
        .zip(clash)
        .filter(|(_, c)| !c)
        .map(|(e, _)| e)
        .collect();
    (kept, overlaps)
}

/// `text` with `edits` applied; the edits must be sorted and disjoint ([`plan`]).
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        if e.span.start < at || e.span.end > text.len() {
            continue;
        }
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(a: usize, b: usize, r: &str) -> Edit {
        Edit::new(Span::new(a, b), r)
    }

    #[test]
    fn plan_refuses_overlaps_and_keeps_the_rest() {
        let (kept, overlaps) = plan(vec![
            e(10, 14, "x"),
            e(0, 2, ""),
            e(12, 16, "y"),
            e(0, 2, ""),
        ]);
        assert_eq!(kept, vec![e(0, 2, "")]);
        assert_eq!(overlaps.len(), 1);
        // Touching edits do not overlap.
        let (kept, overlaps) = plan(vec![e(0, 2, "a"), e(2, 4, "b")]);
        assert_eq!(kept.len(), 2);
        assert!(overlaps.is_empty());
    }

    #[test]
    fn apply_edits_in_order() {
        let text = "the the cat sat ,down";
        let (kept, _) = plan(vec![e(0, 7, "the"), e(15, 17, ",")]);
        assert_eq!(apply(text, &kept), "the cat sat,down");
    }

    #[test]
    fn particles_go_with_their_space() {
        let t = "He left on Thursday. Ta. Then more.";
        let at = t.find("Ta.").unwrap();
        let edit = particle(t, Span::new(at, at + 3)).unwrap();
        assert_eq!(apply(t, &[edit]), "He left on Thursday. Then more.");
        let t = "It is cold, ne.";
        let at = t.find("ne").unwrap();
        let edit = particle(t, Span::new(at, at + 2)).unwrap();
        assert_eq!(apply(t, &[edit]), "It is cold.");
        let t = "Ta. The next line.";
        let edit = particle(t, Span::new(0, 3)).unwrap();
        assert_eq!(apply(t, &[edit]), "The next line.");
        // Inside a word: not a fix.
        let t = "Tata";
        assert!(particle(t, Span::new(2, 4)).is_none());
    }

    #[test]
    fn unicode_fixes_are_literal() {
        let t = "The vote\u{200b} passed.";
        let at = t.find('\u{200b}').unwrap();
        let edit = unicode(t, Span::new(at, at + 3)).unwrap();
        assert_eq!(apply(t, &[edit]), "The vote passed.");
        let t = "The cafe\u{301} opened.";
        let at = t.find("e\u{301}").unwrap();
        let edit = unicode(t, Span::new(at, at + 3)).unwrap();
        assert_eq!(apply(t, &[edit]), "The caf\u{e9} opened.");
        // A lost letter inside a word stays for a person to restore.
        let t = "The caf\u{fffd} opened.";
        let at = t.find('\u{fffd}').unwrap();
        assert!(unicode(t, Span::new(at, at + 3)).is_none());
        let t = "Prices \u{fffd} rose.";
        let at = t.find('\u{fffd}').unwrap();
        let edit = unicode(t, Span::new(at, at + 3)).unwrap();
        assert_eq!(apply(t, &[edit]), "Prices rose.");
    }
}
