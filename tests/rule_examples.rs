//! Runs every example of every embedded rule with the production loader: a bad example must give
//! exactly one finding of its rule, at the marked span (and the given suggestion); a good example
//! none. A rule without at least one bad and one good example fails.

use mtlint::document::Document;
use mtlint::rules::{Catalog, Rule};

fn run_examples(catalog: &Catalog) -> Vec<String> {
    let mut failures = Vec::new();
    for rule in catalog.rules() {
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
            let found = mtlint::check(&doc, &set);
            let place = format!("{}:{}: {id}", rule.origin.path, ex.line);
            let show = |fs: &[mtlint::finding::Finding]| {
                fs.iter()
                    .map(|f| format!("{:?} {:?}", f.span, doc.slice(f.span)))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            match ex.expected {
                None if !found.is_empty() => failures.push(format!(
                    "{place}: good example {:?} gave findings: {}",
                    ex.text,
                    show(&found)
                )),
                None => {}
                Some(span) => {
                    let ok = found.len() == 1 && found[0].span == span;
                    if !ok {
                        failures.push(format!(
                            "{place}: bad example {:?} expected one finding at {:?} {:?}, got [{}]",
                            ex.text,
                            span,
                            doc.slice(span),
                            show(&found)
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

#[test]
fn every_rule_example_holds() {
    let catalog = Catalog::embedded().expect("embedded rules load");
    let failures = run_examples(&catalog);
    assert!(
        failures.is_empty(),
        "{} rule example failure(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn embedded_catalog_has_rules_for_each_file() {
    let catalog = Catalog::embedded().expect("embedded rules load");
    let rules = catalog.rules();
    assert!(rules.iter().any(|r| r.id.starts_with("en/")));
    assert!(rules.iter().any(|r| r.id.starts_with("ja-en/")));
    assert!(rules.iter().any(|r| r.id.starts_with("common/")));
}

#[test]
fn a_broken_example_is_reported() {
    // The harness itself must be able to fail: a rule whose bad example cannot match.
    let mut catalog = Catalog::default();
    catalog
        .add_source(
            "test.toml",
            r#"
language = "en"
[[rule]]
id = "en/test-rule"
kind = "pattern"
category = "style"
severity = "minor"
message = "m"
why = "w"
pattern = 'zzz'
examples = [{ bad = "no <m>match</m> here" }, { good = "zzz" }]
"#,
        )
        .unwrap();
    let failures = run_examples(&catalog);
    assert_eq!(failures.len(), 2, "{failures:#?}");
}
