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

/// One sentence naming thousands of people, each with a comma after: finding the mention
/// before a comma was a scan of every mention, and marking appositions a scan of every
/// apposition, per token.
#[test]
fn one_sentence_of_many_names_and_commas() {
    let letters = b"abcdefghijklmnopqrstuvwxyz";
    let mut text = String::from("The panel met ");
    for i in 0..6000usize {
        let w: String = (0..3)
            .map(|k| letters[(i / 26usize.pow(k)) % 26] as char)
            .collect();
        text.push_str(&format!("Ms. Ro{w}ssi, the chairwoman, "));
    }
    text.push_str("and she left.");
    assert!(rules_hit(&text, "pronoun-drift").is_empty());
}

/// One clause with thousands of names and pronouns: each pronoun looked at every mention
/// before it in the clause.
#[test]
fn one_clause_of_names_and_pronouns() {
    let mut text = String::from("Mr. Hale spoke. Mr. Hale said he would stay. ");
    text.push_str(&"Hale said he went and Hale said she went and ".repeat(5000));
    text.push_str("it ended.");
    // Hale is "he" and "she" alike in the long sentence: nothing is established there, and
    // each "she" has another mention of Hale between it and its clause's first one.
    assert!(rules_hit(&text, "pronoun-drift").is_empty());
}

/// Thousands of sentences reporting first-person speech: each hit looked for its sentence
/// through all sentences.
#[test]
fn many_reported_first_person_sentences() {
    let text = "The firm said that we paid. ".repeat(20000);
    let hits = rules_hit(&text, "reported-first-person");
    assert_eq!(hits.len(), 20000);
}

/// A sentence opening with thousands of punctuation tokens before a capitalised word: whether
/// a word opens the sentence was a scan of the tokens before it.
#[test]
fn many_tokens_before_the_first_word() {
    let text = format!(
        "{}Forward Ken Sato scored. The forward ran.",
        "- ".repeat(40000)
    );
    assert!(rules_hit(&text, "name-").is_empty());
}
