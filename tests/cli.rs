//! Command-line behaviour: exit codes, error messages, input handling, output contract.

mod common;
use common::{assert_error, json, mtlint, write};

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn mtlint_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run mtlint");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

const CLEAN: &str = "The council approved the budget on Monday. It takes effect in May.\n";
const MAJOR: &str = "The council approved the budget on Monday. Ta.\n";

#[test]
fn clean_file_passes_with_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "clean.txt", CLEAN.as_bytes());
    let out = mtlint(&["check", &p]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("PASS"), "{text}");
}

#[test]
fn major_finding_fails_with_exit_1_and_can_be_relaxed() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "bad.txt", MAJOR.as_bytes());
    assert_eq!(mtlint(&["check", &p]).status.code(), Some(1));
    assert_eq!(
        mtlint(&["check", "--fail-on", "critical", &p])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        mtlint(&["check", "--fail-on", "never", "--min-score", "90", &p])
            .status
            .code(),
        Some(1),
        "one major finding in a 9-word text scores 50"
    );
}

#[test]
fn invalid_utf8_names_file_and_offset_and_other_files_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(&dir, "bad.txt", b"Good line.\nBad \xff byte.\n");
    let good = write(&dir, "good.txt", CLEAN.as_bytes());
    let out = mtlint(&["check", "--format", "json", &bad, &good]);
    assert_error(&out, &format!("{bad}:2:5: invalid UTF-8 at byte offset 15"));
    let v = json(&out);
    assert_eq!(v["files"][0]["path"], bad.as_str());
    assert!(
        v["files"][0]["error"]
            .as_str()
            .unwrap()
            .contains("byte offset 15")
    );
    assert_eq!(v["files"][0]["findings"].as_array().unwrap().len(), 0);
    assert_eq!(v["files"][1]["passed"], true);
}

#[test]
fn missing_file_is_a_clear_error() {
    let out = mtlint(&["check", "/nonexistent/article.txt"]);
    assert_error(
        &out,
        "mtlint: error: /nonexistent/article.txt: no such file",
    );
}

#[test]
fn malformed_rule_file_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir,
        "bad.toml",
        b"language = \"en\"\n\n[[rule]]\nid = \"en/x\"\nkind = \"pattern\"\ncolour = \"red\"\n",
    );
    let input = write(&dir, "in.txt", CLEAN.as_bytes());
    let rules = dir.path().display().to_string();
    let out = mtlint(&["check", "--rules", &rules, &input]);
    assert_error(&out, "bad.toml:6:1: unknown field `colour`");
}

#[test]
fn invalid_regex_names_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let rule = "language = \"en\"\n[[rule]]\nid = \"en/x\"\nkind = \"pattern\"\ncategory = \"style\"\nseverity = \"minor\"\nmessage = \"m\"\nwhy = \"w\"\npattern = '(unclosed'\n";
    write(&dir, "bad.toml", rule.as_bytes());
    let input = write(&dir, "in.txt", CLEAN.as_bytes());
    let out = mtlint(&[
        "check",
        "--rules",
        &dir.path().display().to_string(),
        &input,
    ]);
    assert_error(&out, "bad.toml:9:11: invalid regex in `en/x`");
}

#[test]
fn user_rules_add_and_override() {
    let dir = tempfile::tempdir().unwrap();
    let rule = r#"language = "en"
[[rule]]
id = "en/spelling-convention"
kind = "substitution"
category = "terminology"
severity = "major"
message = "use {replacement}"
why = "house style"
replace = { "colour" = "color" }
examples = [{ bad = "<m>colour</m>" }, { good = "color" }]
"#;
    write(&dir, "house.toml", rule.as_bytes());
    let input = write(&dir, "in.txt", b"The colour of Kiev.\n");
    let out = mtlint(&[
        "check",
        "--format",
        "json",
        "--rules",
        &dir.path().display().to_string(),
        &input,
    ]);
    let v = json(&out);
    let texts: Vec<&str> = v["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        vec!["colour"],
        "the override replaced the default rule"
    );
}

#[test]
fn stdin_bom_and_crlf_offsets_count_the_bytes_as_read() {
    let input = b"\xef\xbb\xbfThe plan.\r\n\r\nHe left on Thursday. Ta.\r\n";
    let out = mtlint_stdin(
        &[
            "check",
            "--format",
            "json",
            "--lang",
            "en",
            "--source-lang",
            "ja",
            "-",
        ],
        input,
    );
    let v = json(&out);
    let f = &v["files"][0];
    assert_eq!(f["path"], "-");
    assert_eq!(f["source_language"], "ja");
    let finding = &f["findings"][0];
    let (s, e) = (
        finding["span"]["start"].as_u64().unwrap() as usize,
        finding["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&input[s..e], b"Ta.");
    assert_eq!(finding["line"], 3);
    assert_eq!(finding["column"], 22);
}

#[test]
fn decode_errors_count_lines_after_lone_cr_and_skip_the_bom() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "cr.txt", b"one\rtwo\r\xff");
    let out = mtlint(&["check", &p]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{p}:3:1: invalid UTF-8 at byte offset 8")),
        "{stderr}"
    );
    let p = write(&dir, "bom.txt", b"\xef\xbb\xbf\xff");
    let out = mtlint(&["check", &p]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{p}:1:1: invalid UTF-8 at byte offset 3")),
        "{stderr}"
    );
}

#[test]
fn language_is_detected_when_not_given() {
    let dir = tempfile::tempdir().unwrap();
    let de = write(
        &dir,
        "de.txt",
        "Der Stadtrat hat am Montag nach einer langen Debatte den neuen Haushalt beschlossen. \
         Er tritt im Mai in Kraft."
            .as_bytes(),
    );
    let short = write(&dir, "short.txt", b"Ok.");
    let out = mtlint(&["check", "--format", "json", &de, &short]);
    let v = json(&out);
    assert_eq!(v["files"][0]["language"], "de");
    assert!(v["files"][0]["language_confidence"].as_f64().unwrap() >= 0.5);
    assert_eq!(v["files"][1]["language"], serde_json::Value::Null);
    let text = String::from_utf8(mtlint(&["check", &de]).stdout).unwrap();
    assert!(text.contains("de (detected, confidence"), "{text}");
    let given = json(&mtlint(&["check", "--format", "json", "--lang", "en", &de]));
    assert_eq!(
        given["files"][0]["language_confidence"],
        serde_json::Value::Null
    );
}

#[test]
fn empty_file_has_zero_words_and_no_findings() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "empty.txt", b"");
    let out = mtlint(&["check", "--format", "json", &p]);
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_eq!(v["files"][0]["words"], 0);
    assert_eq!(v["files"][0]["score"], 100.0);
    assert_eq!(v["summary"]["files"], 1);
}

#[test]
fn json_report_follows_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "bad.txt", MAJOR.as_bytes());
    let out = mtlint(&["check", "--format", "json", "--lang", "en", &p]);
    let v = json(&out);
    assert_eq!(v["tool"]["name"], "mtlint");
    let f = &v["files"][0];
    for key in [
        "path",
        "language",
        "source_language",
        "words",
        "penalty",
        "score",
        "passed",
        "findings",
    ] {
        assert!(f.get(key).is_some(), "missing {key}");
    }
    let finding = &f["findings"][0];
    for key in [
        "rule",
        "category",
        "severity",
        "message",
        "span",
        "line",
        "column",
        "text",
        "suggestion",
    ] {
        assert!(finding.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["summary"]["failed"], 1);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(mtlint(&["check"]).status.code(), Some(2));
    assert_eq!(
        mtlint(&["check", "--format", "xml", "x"]).status.code(),
        Some(2)
    );
    assert_eq!(
        mtlint(&["check", "--weights", "minor=x", "x"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(mtlint(&["--version"]).status.code(), Some(0));
    let out = mtlint(&["check", "--lang", "EN", "x"]);
    assert_error(&out, "no rules for target language `EN`");
    assert_eq!(
        mtlint(&["check", "--source-lang", "Japanese", "x"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn closed_stdout_pipe_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let big = "He left on Thursday. Ta.\n\n".repeat(5000);
    let p = write(&dir, "big.txt", big.as_bytes());
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(["check", "--source-lang", "ja", &p])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // close the read end before mtlint writes
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0));
}
