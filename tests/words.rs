//! Regression tests of the word-level checks (term drift, spelling variety, untranslated runs,
//! leaked particles, boilerplate) on small invented texts, run through the public API.

use mtlint::ruleset::Catalog;
use mtlint::{Linter, Options};

fn linter(language: &str, source: Option<&str>, select: &[&str]) -> Linter {
    let options = Options {
        language: Some(language.to_string()),
        source_language: source.map(str::to_string),
        select: select.iter().map(|s| s.to_string()).collect(),
        ..Options::default()
    };
    Linter::new(Catalog::embedded().unwrap(), options)
}

/// (rule, matched text, message) of every finding.
fn findings(linter: &Linter, text: &str) -> Vec<(String, String, String)> {
    let report = linter.check_text("t.txt", text);
    report
        .findings
        .iter()
        .map(|f| (f.rule.to_string(), f.text.clone(), f.message.clone()))
        .collect()
}

/// F12: term drift counted the majority again for every minority occurrence. Each form is now
/// counted once; the findings themselves are unchanged: on a tie the first form wins, and every
/// other use is reported with the count of the established form.
#[test]
fn term_drift_counts_each_form_once() {
    let l = linter("en", None, &["en/term-drift"]);
    let n = 200;
    let text = "Send an e-mail or an email today.\n".repeat(n);
    let found = findings(&l, &text);
    assert_eq!(found.len(), n);
    assert!(
        found
            .iter()
            .all(|(_, m, msg)| m == "email" && msg.contains(&format!("({n} times)")))
    );
}

/// Dotted and undotted acronyms are both current and annotators of real MT output do not count
/// the mix: it is never term drift, even against a strong majority. Other weak alternations
/// (open and closed compounds) still count against one.
#[test]
fn acronym_dotting_is_never_term_drift() {
    let l = linter("en", None, &["en/term-drift"]);
    assert!(findings(&l, "The U.S. team won. U.S. fans cheered. US coaches left.").is_empty());
    assert!(
        findings(
            &l,
            "The U.S. team won. U.S. fans cheered. U.S. media agreed. US coaches left.",
        )
        .is_empty()
    );
    let found = findings(
        &l,
        "Health care costs rose. Health care jobs grew. Health care unions met. The healthcare budget grew.",
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, "healthcare");
}

/// An English clause inside a French sentence is found; established loanwords standing alone
/// or in pairs are not.
#[test]
fn untranslated_runs_need_common_words_of_the_other_language() {
    let l = linter("fr", None, &["fr/untranslated-run"]);
    let found = findings(
        &l,
        "Le stade fermera en mai, because the roof is not safe, selon la mairie.",
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "because the roof is not safe");
    assert!(found[0].2.contains(" en "), "{}", found[0].2);
    assert!(
        findings(
            &l,
            "Le week-end, le parking accueille un podcast sur les fake news et le streaming."
        )
        .is_empty()
    );
}

/// A romanised word is flagged in plain narration, not when the article names it in quotes,
/// and a romanised name of a person is never an institution word.
#[test]
fn romanised_words_skip_quoted_terms_and_names() {
    let l = linter("en", Some("ja"), &["ja-en/romanised-word"]);
    let found = findings(&l, "The kantoku praised the young striker after the match.");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, "kantoku");
    assert!(findings(&l, "Fans call the coach \"kantoku\" out of respect.").is_empty());
    assert!(findings(&l, "Coach Ikkei Sato praised the striker.").is_empty());
}

/// The spelling variety is the majority's; on a tie, the first marked word's.
#[test]
fn spelling_variety_follows_the_majority_then_the_first_use() {
    let l = linter("en", None, &["en/spelling-variety"]);
    let found = findings(
        &l,
        "The theater and the center reopened. The colour of the program was new.",
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, "colour");
    let tie = findings(&l, "The centre reopened. The program was new.");
    assert_eq!(tie.len(), 1);
    assert_eq!(tie[0].1, "program");
}
