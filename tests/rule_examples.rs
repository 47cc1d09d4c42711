//! Runs every example of every embedded rule with the production loader: a bad example must give
//! exactly one finding of its rule, at the marked span (and the given suggestion); a good example
//! none. A rule without at least one bad and one good example fails.

use mtlint::ruleset::Catalog;
use mtlint::ruleset::examples::check_examples;

fn run_examples(catalog: &Catalog) -> Vec<String> {
    check_examples(catalog, |_| true)
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
