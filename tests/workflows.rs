//! CI and review workflows from the command line: configuration, suppression, baselines,
//! inputs (directories, Markdown, HTML, JSON Lines), output files and the rule subcommands.

mod common;
use common::{assert_error, json, write};

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn mtlint_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run mtlint")
}

fn rules_of(v: &serde_json::Value, file: usize) -> Vec<String> {
    v["files"][file]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

const TEXT: &str =
    "The plan was approved. He also trusted him It will help. The the vote is due in Kiev.\n";

#[test]
fn config_selects_ignores_overrides_and_gates() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.txt", TEXT);
    write(d, "drafts/b.txt", TEXT);
    write(
        d,
        "mtlint.toml",
        r#"lang = "en"
ignore = ["en/doubled-word"]
fail-on = "critical"
[severity]
"en/spelling-convention" = "critical"
[[overrides]]
paths = ["drafts/**"]
ignore = ["en/spelling-convention"]
"#,
    );
    let out = mtlint_in(d, &["check", "--format", "json", "a.txt", "drafts/b.txt"]);
    let v = json(&out);
    assert_eq!(rules_of(&v, 0), vec!["en/run-on", "en/spelling-convention"]);
    assert_eq!(v["files"][0]["findings"][1]["severity"], "critical");
    assert_eq!(v["files"][0]["passed"], false);
    assert_eq!(rules_of(&v, 1), vec!["en/run-on"]);
    assert_eq!(
        v["files"][1]["passed"], true,
        "fail-on critical, only a major left"
    );
    assert_eq!(out.status.code(), Some(1));
    // Command-line flags beat the file.
    let out = mtlint_in(d, &["check", "--fail-on", "never", "a.txt"]);
    assert_eq!(out.status.code(), Some(0));
    let v = json(&mtlint_in(
        d,
        &[
            "check",
            "--format",
            "json",
            "--select",
            "en/run-on",
            "a.txt",
        ],
    ));
    assert_eq!(rules_of(&v, 0), vec!["en/run-on"]);
    // Without the configuration, every rule runs.
    let v = json(&mtlint_in(
        d,
        &[
            "check",
            "--no-config",
            "--lang",
            "en",
            "--format",
            "json",
            "a.txt",
        ],
    ));
    assert_eq!(rules_of(&v, 0).len(), 3);
}

#[test]
fn config_word_lists_become_rules_and_names_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "a.txt",
        "Subscribe to The Daily Planet\n\nWe sent an e-mail to officeManager Ltd about the plan.\n",
    );
    write(
        d,
        "mtlint.toml",
        "lang = \"en\"\nnames = [\"officeManager\"]\nboilerplate = [\"Subscribe to The Daily Planet\"]\n[terms]\n\"e-mail\" = \"email\"\n",
    );
    let v = json(&mtlint_in(d, &["check", "--format", "json", "a.txt"]));
    assert_eq!(
        rules_of(&v, 0),
        vec!["common/project-boilerplate", "common/project-terms"]
    );
    assert_eq!(v["files"][0]["findings"][1]["suggestion"], "email");
}

#[test]
fn config_errors_name_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.txt", TEXT);
    for (config, expected) in [
        (
            "colour = \"red\"\n",
            "mtlint.toml:1:1: unknown field `colour`",
        ),
        (
            "ignore = [\"en/x\"]\n",
            "mtlint.toml:1:11: `en/x` names no rule",
        ),
        (
            "[[overrides]]\npaths = [\"a/[\"]\n",
            "mtlint.toml:2:10: bad glob",
        ),
        (
            "fail-on = \"sometimes\"\n",
            "mtlint.toml:1:11: `sometimes` is not minor",
        ),
    ] {
        write(d, "mtlint.toml", config);
        let out = mtlint_in(d, &["check", "a.txt"]);
        assert_eq!(out.status.code(), Some(2), "{config}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{config}: {stderr}");
    }
    // --config names the file explicitly; a missing one is an error.
    let out = mtlint_in(d, &["check", "--config", "nope.toml", "a.txt"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn inline_suppressions_and_unused_ones() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "a.md",
        "<!-- mtlint-disable-next-line en/run-on -->\nHe also trusted him It will help.\n\n<!-- mtlint-disable en/doubled-word -->\nThe the vote.\n<!-- mtlint-enable -->\n\nThe the end.\n\n<!-- mtlint-disable-next-line en/glued-words -->\nNothing to see here.\n",
    );
    write(
        d,
        "b.txt",
        "# mtlint-disable-file en/\nThe the vote in Kiev.\n",
    );
    let out = mtlint_in(
        d,
        &["check", "--lang", "en", "--format", "json", "a.md", "b.txt"],
    );
    let v = json(&out);
    assert_eq!(rules_of(&v, 0), vec!["en/doubled-word"]);
    assert_eq!(v["files"][0]["findings"][0]["line"], 8);
    assert_eq!(v["files"][0]["unused_suppressions"][0]["line"], 10);
    assert!(String::from_utf8_lossy(&out.stderr).contains("a.md:10:1: unused suppression"));
    assert_eq!(rules_of(&v, 1), Vec::<String>::new());
}

#[test]
fn baseline_round_trip_reports_only_new_findings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.txt", TEXT);
    let out = mtlint_in(
        d,
        &[
            "check",
            "--lang",
            "en",
            "--write-baseline",
            "base.json",
            "a.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(d.join("base.json").is_file());
    let out = mtlint_in(
        d,
        &["check", "--lang", "en", "--baseline", "base.json", "a.txt"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // Edits elsewhere keep the old findings known; a new defect is reported.
    write(
        d,
        "a.txt",
        format!("A new first line. She flew to Kharkov.\n\n\n{TEXT}"),
    );
    let out = mtlint_in(
        d,
        &[
            "check",
            "--lang",
            "en",
            "--format",
            "json",
            "--baseline",
            "base.json",
            "a.txt",
        ],
    );
    let v = json(&out);
    assert_eq!(rules_of(&v, 0), vec!["en/spelling-convention"]);
    assert_eq!(v["files"][0]["findings"][0]["text"], "Kharkov");
    // A malformed baseline is an error with its position.
    write(d, "bad.json", "{\"version\": 1,\n \"fingerprints\": [}");
    let out = mtlint_in(
        d,
        &["check", "--lang", "en", "--baseline", "bad.json", "a.txt"],
    );
    assert_error(&out, "bad.json:2:");
}

#[test]
fn directories_respect_gitignore_and_globs() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join(".git")).unwrap();
    write(d, ".gitignore", "skip/\n");
    write(d, "docs/a.txt", TEXT);
    write(d, "docs/b.md", TEXT);
    write(d, "docs/c.rs", "fn main() {}\n");
    write(d, "skip/d.txt", TEXT);
    let v = json(&mtlint_in(
        d,
        &["check", "--lang", "en", "--format", "json", "."],
    ));
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, vec!["./docs/a.txt", "./docs/b.md"]);
    let v = json(&mtlint_in(
        d,
        &[
            "check", "--lang", "en", "--format", "json", "--glob", "*.md", ".",
        ],
    ));
    assert_eq!(v["files"].as_array().unwrap().len(), 1);
}

#[test]
fn markdown_and_html_offsets_point_into_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let md = "---\ntitle: The the\n---\n# News\n\nSee `the the` and https://x.org/theThe.\nHe also trusted him It will help.\n";
    write(d, "a.md", md);
    let html = "<html><head><script>var theThe = 1;</script></head><body><p>He also trusted him It will help.</p></body></html>";
    write(d, "a.html", html);
    let v = json(&mtlint_in(
        d,
        &[
            "check", "--lang", "en", "--format", "json", "a.md", "a.html",
        ],
    ));
    for (i, original) in [(0, md), (1, html)] {
        let findings = v["files"][i]["findings"].as_array().unwrap();
        assert_eq!(findings.len(), 1, "{findings:#?}");
        let s = findings[0]["span"]["start"].as_u64().unwrap() as usize;
        let e = findings[0]["span"]["end"].as_u64().unwrap() as usize;
        assert_eq!(&original[s..e], "him It");
    }
    // --input-format overrides the extension.
    let v = json(&mtlint_in(
        d,
        &[
            "check",
            "--lang",
            "en",
            "--format",
            "json",
            "--input-format",
            "text",
            "a.md",
        ],
    ));
    assert!(rules_of(&v, 0).contains(&"en/doubled-word".to_string()));
}

#[test]
fn jsonl_records_in_and_out() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "batch.jsonl",
        "{\"id\": \"doc-1\", \"text\": \"He left on Thursday. Ta.\", \"lang\": \"en\", \"source_lang\": \"ja\"}\n{\"id\": 2, \"text\": \"The vote passed in Kiev.\"}\nnot json\n",
    );
    let out = mtlint_in(
        d,
        &["check", "--lang", "en", "--format", "jsonl", "batch.jsonl"],
    );
    assert_eq!(out.status.code(), Some(2), "a bad line is an input error");
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["path"], "doc-1");
    assert_eq!(lines[0]["findings"][0]["rule"], "ja-en/leaked-particle");
    assert_eq!(lines[1]["path"], "2");
    assert_eq!(lines[1]["findings"][0]["rule"], "en/spelling-convention");
    assert!(
        lines[2]["error"]
            .as_str()
            .unwrap()
            .contains("batch.jsonl:3:")
    );
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.txt", TEXT);
    let out = mtlint_in(
        d,
        &[
            "check",
            "--lang",
            "en",
            "--format",
            "sarif",
            "--output",
            "out/r.sarif",
            "a.txt",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "the output folder does not exist"
    );
    std::fs::create_dir(d.join("out")).unwrap();
    let out = mtlint_in(
        d,
        &[
            "check",
            "--lang",
            "en",
            "--format",
            "sarif",
            "--output",
            "out/r.sarif",
            "a.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("out/r.sarif")).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let leftovers: Vec<_> = std::fs::read_dir(d.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no temporary file is left: {leftovers:?}"
    );
}

#[test]
fn rule_subcommands() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = mtlint_in(d, &["rules", "--lang", "en", "--source-lang", "ja"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("ja-en/leaked-particle"));
    assert!(text.contains("en/glued-words"));
    let out = mtlint_in(d, &["explain", "en/glued-words"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("Why:") && text.contains("bad:  He said this after taking [officePresident]")
    );
    let out = mtlint_in(d, &["explain", "en/nope"]);
    assert_eq!(out.status.code(), Some(2));
    write(
        d,
        "mine/house.toml",
        r#"language = "en"
[[rule]]
id = "en/house-colour"
kind = "substitution"
category = "terminology"
severity = "minor"
message = "write {replacement}"
why = "house style"
replace = { "colour" = "color" }
examples = [{ bad = "The <m>colour</m> red." }, { good = "The color red." }, { bad = "<m>nothing</m>" }]
"#,
    );
    let out = mtlint_in(d, &["test-rules", "mine"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    // The failing example as text with carets, not Debug output.
    assert!(
        text.contains(
            "en/house-colour: bad example expected one finding at the marked span, got 0\n  | nothing\n  | ^^^^^^^ expected"
        ),
        "{text}"
    );
    assert!(text.trim_end().ends_with("0 passed, 1 failed"), "{text}");
}

#[test]
fn review_regressions() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // An unclosed HTML tag ending in a multi-byte character; a one-line HTML file keeps line 1.
    write(d, "a.html", "<p>Hello <b é");
    write(
        d,
        "b.html",
        "<p>One sentence here.</p><p>The talks talks went on.</p>",
    );
    let out = mtlint_in(
        d,
        &[
            "check",
            "--no-config",
            "--lang",
            "en",
            "--format",
            "json",
            "a.html",
            "b.html",
        ],
    );
    let v = json(&out);
    assert_eq!(v["files"][1]["findings"][0]["line"], 1);
    assert_eq!(v["files"][1]["findings"][0]["column"], 33);
    // A `#` directive in a CRLF file; a directive shown in a Markdown code block is not obeyed.
    write(
        d,
        "c.txt",
        "# mtlint-disable-next-line en/doubled-word\r\nThe talks talks went on.\r\n",
    );
    write(
        d,
        "d.md",
        "```\n<!-- mtlint-disable-file -->\n```\n\nThe talks talks went on.\n",
    );
    let v = json(&mtlint_in(
        d,
        &[
            "check",
            "--no-config",
            "--lang",
            "en",
            "--format",
            "json",
            "c.txt",
            "d.md",
        ],
    ));
    assert_eq!(rules_of(&v, 0), Vec::<String>::new());
    assert_eq!(rules_of(&v, 1), vec!["en/doubled-word"]);
    // A baseline written for ./c.md matches c.md.
    write(d, "e.txt", "The talks talks went on.\n");
    mtlint_in(
        d,
        &[
            "check",
            "--no-config",
            "--lang",
            "en",
            "--write-baseline",
            "b.json",
            "./e.txt",
        ],
    );
    let out = mtlint_in(
        d,
        &[
            "check",
            "--no-config",
            "--lang",
            "en",
            "--baseline",
            "b.json",
            "e.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    // The command line beats the configuration, selectors and weights alike.
    write(
        d,
        "mtlint.toml",
        "lang = \"en\"\nignore = [\"en/doubled-word\"]\n[weights]\nminor = 3\n",
    );
    let v = json(&mtlint_in(
        d,
        &[
            "check",
            "--format",
            "json",
            "--select",
            "en/doubled-word",
            "--weights",
            "major=7",
            "e.txt",
        ],
    ));
    assert_eq!(rules_of(&v, 0), vec!["en/doubled-word"]);
    assert_eq!(
        v["files"][0]["penalty"], 3.0,
        "minor weight from the file, major from the flag"
    );
    // A configured language without rules is an error at its position.
    write(d, "mtlint.toml", "\nlang = \"xx\"\n");
    let out = mtlint_in(d, &["check", "e.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("mtlint.toml:2:8: no rules for target language `xx`")
    );
    // An exclusion glob keeps the extension filter.
    std::fs::remove_file(d.join("mtlint.toml")).unwrap();
    write(d, "w/logo.png", "\u{0}binary");
    write(d, "w/ok.txt", "Fine text.\n");
    write(d, "w/skip/x.txt", "The the.\n");
    let v = json(&mtlint_in(
        d,
        &[
            "check", "--lang", "en", "--format", "json", "--glob", "!skip/**", "w",
        ],
    ));
    assert_eq!(v["files"].as_array().unwrap().len(), 1);
}

#[test]
fn overrides_are_relative_to_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "mtlint.toml",
        "lang = \"en\"\n[[overrides]]\npaths = [\"drafts/**\"]\nignore = [\"en/doubled-word\"]\n",
    );
    write(d, "drafts/a.txt", "The talks talks went on.\n");
    let from_root = json(&mtlint_in(
        d,
        &["check", "--format", "json", "drafts/a.txt"],
    ));
    let from_inside = json(&mtlint_in(
        &d.join("drafts"),
        &["check", "--format", "json", "a.txt"],
    ));
    assert_eq!(rules_of(&from_root, 0), Vec::<String>::new());
    assert_eq!(rules_of(&from_inside, 0), Vec::<String>::new());
    write(d, "b.txt", "The talks talks went on.\n");
    let other = json(&mtlint_in(d, &["check", "--format", "json", "b.txt"]));
    assert_eq!(rules_of(&other, 0), vec!["en/doubled-word"]);
}
