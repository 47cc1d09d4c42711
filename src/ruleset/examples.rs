//! Running the examples of rules: the harness of `cargo test` and `mtlint test-rules`.
//!
//! Each example is checked as a document of its own with only its rule enabled, in the rule
//! set of the rule's file: a bad example must give exactly one finding of the rule, at the
//! marked span (and with the given suggestion); a good example none. A rule without at least
//! one bad and one good example fails. An example with a `source` is checked as one bilingual
//! segment translating it.

use super::Catalog;
use crate::bitext::{Bitext, SEPARATOR, SegmentInput};
use crate::document::Document;
use crate::rules::Rule;

/// One failed expectation, as `path:line: rule: what went wrong`.
pub type Failure = String;

/// Runs the examples of the rules `select` accepts; returns the failures.
pub fn check_examples(catalog: &Catalog, select: impl Fn(&Rule) -> bool) -> Vec<Failure> {
    let mut failures = Vec::new();
    for rule in catalog.rules().iter().filter(|r| select(r)) {
        let id = &*rule.id;
        let bad = rule
            .examples
            .iter()
            .filter(|e| e.expected.is_some())
            .count();
        let good = rule.examples.len() - bad;
        if bad == 0 || good == 0 {
            failures.push(format!(
                "{}:{}: {id} needs at least one bad and one good example ({bad} bad, {good} good)",
                rule.origin.path, rule.origin.line
            ));
        }
        let language = match rule.origin.language.as_str() {
            "*" => "en",
            l => l,
        };
        let set = catalog
            .rule_set(language, rule.origin.source.as_deref())
            .filtered(|r: &Rule| r.id == rule.id);
        for ex in &rule.examples {
            let doc = Document::new(&ex.text, &set.segmentation);
            // A bilingual example is a segment with its source; with as many blank-line separated
            // paragraphs in the source as in the text, each pair of paragraphs is a segment.
            let bitext = ex.source.as_ref().map(|source| {
                let sources: Vec<&str> = source.split(SEPARATOR).collect();
                let targets: Vec<&str> = ex.text.split(SEPARATOR).collect();
                let pairs: Vec<(&str, &str)> = if sources.len() == targets.len() {
                    sources.into_iter().zip(targets).collect()
                } else {
                    vec![(source.as_str(), ex.text.as_str())]
                };
                let inputs: Vec<SegmentInput> = pairs
                    .iter()
                    .enumerate()
                    .map(|(n, (s, t))| SegmentInput {
                        id: format!("example-{n}"),
                        source: Some((*s).to_string()),
                        text: (*t).to_string(),
                        ..SegmentInput::default()
                    })
                    .collect();
                let (_, mut b) = Bitext::join(&inputs);
                b.source_lang.clone_from(&ex.source_lang);
                b
            });
            let found = crate::engine::check_bitext(&doc, &set, bitext.as_ref());
            let place = format!("{}:{}: {id}", rule.origin.path, ex.line);
            let marks: Vec<(crate::document::Span, &str)> =
                found.iter().map(|f| (f.span, "found")).collect();
            match ex.expected {
                None if !found.is_empty() => failures.push(format!(
                    "{place}: good example gave {} finding(s)\n{}",
                    found.len(),
                    frame(&ex.text, &marks)
                )),
                None => {}
                Some(span) => {
                    if found.len() != 1 || found[0].span != span {
                        let mut all = vec![(span, "expected")];
                        all.extend(marks.iter().copied());
                        failures.push(format!(
                            "{place}: bad example expected one finding at the marked span, got {}\n{}",
                            found.len(),
                            frame(&ex.text, &all)
                        ));
                    } else if let Some(want) = &ex.suggestion
                        && found[0].suggestion.as_ref() != Some(want)
                    {
                        failures.push(format!(
                            "{place}: bad example expected suggestion \"{want}\", got {}\n{}",
                            found[0]
                                .suggestion
                                .as_ref()
                                .map_or("none".to_string(), |s| format!("\"{s}\"")),
                            frame(&ex.text, &marks)
                        ));
                    }
                }
            }
        }
    }
    failures
}

/// The example's text with a caret line under each marked span (labelled), line by line: the
/// lines holding a mark, or the first line when there is none.
fn frame(text: &str, marks: &[(crate::document::Span, &str)]) -> String {
    use unicode_width::UnicodeWidthStr;
    let mut out = String::new();
    let mut start = 0;
    let mut shown = false;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let here: Vec<&(crate::document::Span, &str)> = marks
            .iter()
            .filter(|(s, _)| {
                (s.start >= start && s.start < end) || (s.start == end && end == text.len())
            })
            .collect();
        if !here.is_empty() || (marks.is_empty() && !shown) {
            out.push_str(&format!("  | {body}\n"));
            shown = true;
            for (span, label) in here {
                let from = span.start.min(start + body.len());
                let to = span.end.clamp(from, start + body.len());
                let pad = text.get(start..from).map_or(0, UnicodeWidthStr::width);
                let width = text.get(from..to).map_or(0, UnicodeWidthStr::width).max(1);
                out.push_str(&format!(
                    "  | {}{} {label}\n",
                    " ".repeat(pad),
                    "^".repeat(width)
                ));
            }
        }
        start = end;
    }
    out.trim_end().to_string()
}
