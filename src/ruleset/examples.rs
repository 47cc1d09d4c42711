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
            let show = found
                .iter()
                .map(|f| format!("{:?} {:?}", f.span, doc.slice(f.span)))
                .collect::<Vec<_>>()
                .join(", ");
            match ex.expected {
                None if !found.is_empty() => failures.push(format!(
                    "{place}: good example {:?} gave findings: {show}",
                    ex.text
                )),
                None => {}
                Some(span) => {
                    if found.len() != 1 || found[0].span != span {
                        failures.push(format!(
                            "{place}: bad example {:?} expected one finding at {:?} {:?}, got [{show}]",
                            ex.text,
                            span,
                            doc.slice(span)
                        ));
                    } else if let Some(want) = &ex.suggestion
                        && found[0].suggestion.as_ref() != Some(want)
                    {
                        failures.push(format!(
                            "{place}: bad example {:?} expected suggestion {want:?}, got {:?}",
                            ex.text, found[0].suggestion
                        ));
                    }
                }
            }
        }
    }
    failures
}
