//! Regression tests for the people checks on inputs that used to take quadratic or cubic time
//! (reliability report F3, F7, F8, F9). Each runs the reproducer at a size that took seconds
//! before the fix and asserts only the result; speed itself is measured in the benchmarks.

use mtlint::ruleset::Catalog;
use mtlint::{Linter, Options};

fn linter(source: Option<&str>) -> Linter {
    let options = Options {
        language: Some("en".into()),
        source_language: source.map(str::to_string),
        ..Options::default()
    };
    Linter::new(Catalog::embedded().unwrap(), options)
}

fn rules_hit(text: &str, prefix: &str) -> Vec<String> {
    linter(None)
        .check_text("t.txt", text)
        .findings
        .iter()
        .map(|f| f.rule.to_string())
        .filter(|r| r.contains(prefix))
        .collect()
}

/// F3: one very long capitalised word is no name and gives no name-variant finding.
#[test]
fn one_long_capitalised_word() {
    let text = format!(
        "We saw K{} there. Mr. K{}b came.",
        "abcdefghij".repeat(100),
        "abcdefghij".repeat(100)
    );
    assert!(rules_hit(&text, "name-variant").is_empty());
}

/// F7: one surname with thousands of distinct given names: they are different people, and
/// none of them drifts.
#[test]
fn one_surname_many_given_names() {
    let mut text = String::new();
    for i in 0..4000 {
        // Distinct given names made of letters: "Baca", "Bace", …
        let a = b"aeiou"[i % 5] as char;
        let b = b"bcdfghjklmnprstvz"[(i / 5) % 17] as char;
        let c = b"aeiou"[(i / 85) % 5] as char;
        let d = b"bcdfghjklmnprstvz"[(i / 425) % 17] as char;
        text.push_str(&format!("B{a}{b}{c}{d}o Smith arrived. "));
    }
    let drift: Vec<String> = rules_hit(&text, "drift");
    assert!(drift.is_empty(), "{drift:?}");
}

/// F8: thousands of distinct near-identical capitalised words that name nobody.
#[test]
fn many_distinct_capitalised_words() {
    let mut text = String::new();
    let letters = b"abcdefghijklmnopqrstuvwxyz";
    for i in 0..20000usize {
        let w: String = (0..4)
            .map(|k| letters[(i / 26usize.pow(k)) % 26] as char)
            .collect();
        text.push_str(&format!("the Kab{w}ova and "));
    }
    assert!(rules_hit(&text, "name-variant").is_empty());
}

/// F9: one sentence with thousands of pronouns after one person's name.
#[test]
fn one_long_sentence_of_pronouns() {
    let text = format!("Mr. Rutte said {}it ended.", "he went and ".repeat(20000));
    assert!(rules_hit(&text, "pronoun-drift").is_empty());
}

/// F9 still finds a drift in a long sentence: the linear pass keeps the clause logic.
#[test]
fn drift_found_after_a_long_clause() {
    let text = format!(
        "Mr. Hale arrived. Mr. Hale said he was glad. Mr. Hale said he would stay. \
         Hale said he liked {}the town, and Hale said she was tired.",
        "the river and ".repeat(2000)
    );
    assert_eq!(rules_hit(&text, "pronoun-drift"), vec!["en/pronoun-drift"]);
}
