//! Gates that say why, in every format, and `--fix` / `--diff`: snapshots of the outputs a
//! user sees, on texts written for these tests.

mod common;
use common::{settings, stdout};

use std::path::Path;
use std::process::{Command, Output};

fn mtlint_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .expect("run mtlint")
}

/// About 120 words with one minor finding (a doubled word): it passes the default gate and
/// scores 91.7, so `--min-score 95` fails it on the score alone.
const MINOR_ONLY: &str = "The regional ferry company added two evening sailings to the island \
route on Friday, after months of complaints from commuters who said the last boat left too early \
for anyone working a full shift in the harbour town.\n\nThe new sailings leave at eight and at \
half past nine, and the company said the the timetable would be reviewed in the spring. A \
spokeswoman said ticket prices would not change this year, although fuel costs had risen sharply \
since the summer.\n\nLocal councillors welcomed the decision but asked for a winter service on \
Sundays as well. The company said it would consider the request once it had seen how many \
passengers used the evening boats in the first three months.\n";

/// One major finding (a leaked particle), a doubled word, a space before a comma, a zero-width
/// space, an outdated spelling and glued words (one fixable, one only advised: a lowercase word
/// run into a capital may have lost a full stop).
const FIXABLE: &str = "The delegation from Kiev arrived on Tuesday for two days of talks about \
grain exports.\n\nOfficials said the the talks would cover shipping insurance , port fees and \
the inspection of cargo ships. Ta.\n\nA spokesman said both sides\u{200b} hoped to sign an \
agreement before the end of the month, and that TheCommission would publish it. The talks began \
in a friendly moodOfficials from both ports attended.\n";

#[test]
fn gate_reasons_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ferry.txt"), MINOR_ONLY).unwrap();
    std::fs::write(dir.path().join("talks.txt"), FIXABLE).unwrap();
    let args = |format: &str| {
        vec![
            "check",
            "--no-config",
            "--lang",
            "en",
            "--source-lang",
            "ja",
            "--min-score",
            "95",
            "--format",
            format,
            "ferry.txt",
            "talks.txt",
        ]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>()
    };
    let run = |format: &str| {
        let a = args(format);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        let out = mtlint_in(dir.path(), &a);
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        stdout(&out)
    };
    // Text: the summary lines say which condition failed.
    let text = run("text");
    let summaries: Vec<&str> = text.lines().filter(|l| l.contains(" words, ")).collect();
    // JSON: a gate per file, the report's version and the tool's.
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["tool"]["version"], env!("CARGO_PKG_VERSION"));
    let gates: Vec<&serde_json::Value> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["gate"])
        .collect();
    // GitHub: an ::error per failing file with the reason.
    let github = run("github");
    let gate_lines: Vec<&str> = github
        .lines()
        .filter(|l| l.contains("title=mtlint gate"))
        .collect();
    // JUnit: the reason in the failure message.
    let junit = run("junit");
    let failures: Vec<&str> = junit.lines().filter(|l| l.contains("<failure")).collect();
    settings().bind(|| {
        insta::assert_snapshot!("gate-text", summaries.join("\n"));
        insta::assert_json_snapshot!("gate-json", gates);
        insta::assert_snapshot!("gate-github", gate_lines.join("\n"));
        insta::assert_snapshot!("gate-junit", failures.join("\n"));
    });
}

#[test]
fn github_writes_a_job_summary_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ferry.txt"), MINOR_ONLY).unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args([
            "check",
            "--no-config",
            "--lang",
            "en",
            "--min-score",
            "95",
            "--format",
            "github",
            "ferry.txt",
        ])
        .current_dir(dir.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let written = std::fs::read_to_string(&summary).unwrap();
    // Appended, as GitHub expects of every step.
    assert!(written.starts_with("earlier step\n"), "{written}");
    settings().bind(|| insta::assert_snapshot!("gate-github-summary", written));
}

#[test]
fn passing_files_have_no_reasons() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ferry.txt"), MINOR_ONLY).unwrap();
    let out = mtlint_in(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--lang",
            "en",
            "--format",
            "json",
            "ferry.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["passed"], true);
    assert_eq!(v["files"][0]["gate"]["reasons"], serde_json::json!([]));
    assert_eq!(v["files"][0]["gate"]["fail_on"], "major");
    assert_eq!(v["files"][0]["gate"]["min_score"], serde_json::Value::Null);
}

fn fix_args(extra: &[&'static str]) -> Vec<&'static str> {
    let mut a = vec![
        "check",
        "--no-config",
        "--lang",
        "en",
        "--source-lang",
        "ja",
        "--fail-on",
        "never",
    ];
    a.extend_from_slice(extra);
    a.push("talks.txt");
    a
}

#[test]
fn fix_applies_safe_edits_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("talks.txt");
    std::fs::write(&path, FIXABLE).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    // Before: every finding with its fix or its help.
    let before = mtlint_in(dir.path(), &fix_args(&[]));
    assert_eq!(before.status.code(), Some(0), "{before:?}");
    // --diff changes nothing and exits 1: there is something to fix.
    let diff = mtlint_in(dir.path(), &fix_args(&["--diff"]));
    assert_eq!(diff.status.code(), Some(1), "{diff:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FIXABLE);
    // --fix rewrites the file and reports what remains.
    let fixed = mtlint_in(dir.path(), &fix_args(&["--fix"]));
    assert_eq!(fixed.status.code(), Some(0), "{fixed:?}");
    let after = std::fs::read_to_string(&path).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640, "the file keeps its mode");
    }
    // A second run: nothing left to fix, the file is not touched.
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let second = mtlint_in(dir.path(), &fix_args(&["--fix"]));
    assert_eq!(second.status.code(), Some(0), "{second:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
    let diff_again = mtlint_in(dir.path(), &fix_args(&["--diff"]));
    assert_eq!(diff_again.status.code(), Some(0), "{diff_again:?}");
    assert_eq!(stdout(&diff_again), "");
    settings().bind(|| {
        insta::assert_snapshot!("fix-before", stdout(&before));
        insta::assert_snapshot!("fix-diff", stdout(&diff));
        insta::assert_snapshot!("fix-after-text", after);
        insta::assert_snapshot!("fix-after-report", stdout(&fixed));
        insta::assert_snapshot!("fix-second-run", stdout(&second));
    });
}

#[test]
fn fix_leaves_standard_input_alone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("talks.txt"), FIXABLE).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(
            fix_args(&["--fix"])
                .iter()
                .map(|a| if *a == "talks.txt" { "-" } else { a }),
        )
        .current_dir(dir.path())
        .stdin(std::fs::File::open(dir.path().join("talks.txt")).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("fixed 0 findings in 0 files"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("talks.txt")).unwrap(),
        FIXABLE
    );
}

#[test]
fn sarif_carries_fixes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("talks.txt"), FIXABLE).unwrap();
    let out = mtlint_in(dir.path(), &fix_args(&["--format", "sarif"]));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let fixes: Vec<serde_json::Value> = results
        .iter()
        .filter(|r| r.get("fixes").is_some())
        .map(|r| serde_json::json!({"rule": r["ruleId"], "fixes": r["fixes"]}))
        .collect();
    assert!(fixes.len() >= 4, "{fixes:#?}");
    // Every replacement deletes a region of the file and inserts literal text.
    for f in &fixes {
        let change = &f["fixes"][0]["artifactChanges"][0];
        assert_eq!(change["artifactLocation"]["uri"], "talks.txt");
        let r = &change["replacements"][0];
        let start = r["deletedRegion"]["byteOffset"].as_u64().unwrap() as usize;
        let len = r["deletedRegion"]["byteLength"].as_u64().unwrap() as usize;
        assert!(FIXABLE.is_char_boundary(start) && FIXABLE.is_char_boundary(start + len));
    }
    settings().bind(|| insta::assert_json_snapshot!("fix-sarif", fixes));
}
