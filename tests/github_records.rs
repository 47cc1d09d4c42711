//! GitHub annotations for JSON Lines records name the record's file and line (as SARIF
//! places them), not the record id alone, which is no file GitHub can show.

use std::process::Command;

#[test]
fn github_annotations_place_jsonl_records_at_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"id":"a","text":"The harbour will reopen on Monday, the council said."}"#,
        "",
        r#"{"id":"b","text":"Delegates said the hardest part of of the talks was over."}"#,
    ];
    std::fs::write(dir.path().join("batch.jsonl"), lines.join("\n")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .current_dir(dir.path())
        .args([
            "check",
            "--no-config",
            "--lang",
            "en",
            "--fail-on",
            "minor",
            "--format",
            "github",
            "batch.jsonl",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let annotations: Vec<&str> = stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), 2, "{stdout}");
    let finding = annotations[0];
    assert!(
        finding.starts_with("::warning file=batch.jsonl,line=3,title=en/doubled-word"),
        "{finding}"
    );
    assert!(
        finding.contains("::record b (line 1, column 33 of its text): the word is doubled"),
        "{finding}"
    );
    assert_eq!(
        annotations[1],
        "::error file=batch.jsonl,line=3,title=mtlint gate::record b (batch.jsonl line 3) fails \
         its gate: 1 minor finding at fail-on minor"
    );
}
