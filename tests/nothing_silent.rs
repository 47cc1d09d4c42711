//! Nothing silent: paths that match nothing, languages without rules, unknown source languages,
//! suppressions naming unknown rules, custom rule prefixes and failing rule examples all say so.

mod common;
use common::{run_in, settings, stderr, stdout};

const CLEAN: &str = "The library reopened on Monday after a year of repairs to its roof.\n";

#[test]
fn a_directory_or_glob_that_matches_nothing_is_a_warning_or_with_strict_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir_all(d.join("empty")).unwrap();
    std::fs::create_dir_all(d.join("docs")).unwrap();
    std::fs::write(d.join("docs/a.txt"), CLEAN).unwrap();
    std::fs::write(d.join("docs/notes.rst"), CLEAN).unwrap();
    let out = run_in(d, &["check", "--lang", "en", "empty"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        stderr(&out).contains("mtlint: warning: empty: no .txt, .md"),
        "{}",
        stderr(&out)
    );
    // One glob matches, the other does not.
    let out = run_in(
        d,
        &[
            "check", "--lang", "en", "--glob", "*.txt", "--glob", "*.adoc", "docs",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        stderr(&out).contains("warning: --glob `*.adoc` matched no file"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("*.txt"), "{}", stderr(&out));
    let out = run_in(
        d,
        &[
            "check", "--strict", "--lang", "en", "--glob", "*.adoc", "docs",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(stderr(&out).contains("error: --glob `*.adoc` matched no file (--strict)"));
    // A directory with files: no warning.
    let out = run_in(d, &["check", "--strict", "--lang", "en", "docs"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(stderr(&out), "");
}

#[test]
fn undecided_and_unsupported_languages_are_named_with_the_rules_that_did_not_run() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("short.txt"), "Ok.\n").unwrap();
    std::fs::write(
        d.join("it.txt"),
        "Il consiglio comunale ha approvato ieri sera il nuovo piano per le biciclette, dopo una \
         lunga discussione sulle strade del centro e sui parcheggi vicino alla stazione.\n",
    )
    .unwrap();
    let out = run_in(d, &["check", "short.txt", "it.txt"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = stdout(&out);
    let out = run_in(d, &["check", "--format", "json", "short.txt", "it.txt"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let not_run: Vec<&serde_json::Value> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["not_run"])
        .collect();
    assert!(
        not_run[1]["rules"]
            .as_array()
            .unwrap()
            .contains(&serde_json::Value::from("en/"))
    );
    settings().bind(|| {
        insta::assert_snapshot!("not-run-text", text);
        insta::assert_json_snapshot!("not-run-json", not_run);
    });
}

#[test]
fn source_languages_are_validated_against_the_rules() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(d.join("a.txt"), CLEAN).unwrap();
    let out = run_in(
        d,
        &["check", "--lang", "en", "--source-lang", "xx", "a.txt"],
    );
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        stderr(&out)
            .contains("no rules know source language `xx`; languages the rules know: de, en"),
        "{}",
        stderr(&out)
    );
    // A language detection knows but no rule file covers runs the language-independent checks,
    // and says so.
    let out = run_in(
        d,
        &["check", "--lang", "en", "--source-lang", "it", "a.txt"],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        stderr(&out).contains("no rules know source language `it`: only the checks"),
        "{}",
        stderr(&out)
    );
    for known in ["ja", "ko", "ru", "zh", "de"] {
        let out = run_in(
            d,
            &["check", "--lang", "en", "--source-lang", known, "a.txt"],
        );
        assert_eq!(out.status.code(), Some(0), "{known}: {out:?}");
    }
}

#[test]
fn a_suppression_naming_an_unknown_rule_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::write(
        d.join("a.md"),
        "The council met on Monday.\n\n<!-- mtlint-disable-next-line en/dubled-word -->\nIt \
         approved the the plan.\n\n<!-- mtlint-disable en/run-on -->\nNothing to hide here.\n",
    )
    .unwrap();
    let out = run_in(d, &["check", "--lang", "en", "a.md"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = stderr(&out);
    assert!(
        err.contains("mtlint: error: a.md:3:1: `en/dubled-word` names no rule"),
        "{err}"
    );
    // The misspelt one is an error, not also an unused warning; a real unused one is a warning.
    assert!(
        !err.contains("unused suppression `<!-- mtlint-disable-next-line"),
        "{err}"
    );
    assert!(
        err.contains("unused suppression `<!-- mtlint-disable en/run-on -->`"),
        "{err}"
    );
    let out = run_in(d, &["check", "--lang", "en", "--format", "json", "a.md"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["files"][0]["unknown_suppressions"][0]["rule"],
        "en/dubled-word"
    );
}

const HOUSE_RULES: &str = r#"language = "en"

[[rule]]
id = "house/colour"
kind = "substitution"
category = "style"
severity = "minor"
message = "house style: \"{match}\""
suggestion = "{replacement}"
why = "The house style spells it the British way."
replace = { "color" = "colour" }
examples = [
  { bad = "The <m>color</m> red was chosen." },
  { good = "The colour red was chosen." },
]
"#;

#[test]
fn custom_rules_may_use_their_own_prefix() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir(d.join("rules")).unwrap();
    std::fs::write(d.join("rules/house.toml"), HOUSE_RULES).unwrap();
    std::fs::write(d.join("a.txt"), "The color of the new trams is green.\n").unwrap();
    let out = run_in(d, &["test-rules", "rules"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let out = run_in(
        d,
        &[
            "check", "--lang", "en", "--rules", "rules", "--select", "house/", "a.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        stdout(&out).contains("minor house/colour"),
        "{}",
        stdout(&out)
    );
    // An id without a prefix is still an error.
    std::fs::write(
        d.join("rules/house.toml"),
        HOUSE_RULES.replace("house/colour", "colour"),
    )
    .unwrap();
    let out = run_in(d, &["test-rules", "rules"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        stderr(&out).contains("a prefix of your own"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn failing_rule_examples_are_shown_with_carets() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    std::fs::create_dir(d.join("rules")).unwrap();
    let broken = HOUSE_RULES
        .replace("<m>color</m> red", "<m>color red</m>")
        .replace(
            "The colour red was chosen.",
            "The colour red was chosen, not the color.",
        );
    std::fs::write(d.join("rules/house.toml"), broken).unwrap();
    let out = run_in(d, &["test-rules", "rules"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    settings().bind(|| insta::assert_snapshot!("test-rules-carets", stdout(&out)));
}
