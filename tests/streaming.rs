//! Streaming runs (issues #13, #14): JSON Lines results come out while the input is still
//! open, `--jobs` never changes the output, and directory walks say what they skip (F27c).

mod common;
use common::{mtlint_cmd, run_in};

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// How long a test waits for a line before it fails (rather than hangs). Generous: the test
/// binary may be a debug build on a busy machine.
const PATIENCE: Duration = Duration::from_secs(120);

/// The lines of a child's standard output, as they come, over a channel.
fn lines_of(child: &mut Child) -> mpsc::Receiver<String> {
    let out = child.stdout.take().expect("piped stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// The next line, or a failure (the child is killed first, so nothing is left running).
fn next_line(rx: &mpsc::Receiver<String>, child: &mut Child, what: &str) -> serde_json::Value {
    match rx.recv_timeout(PATIENCE) {
        Ok(line) => serde_json::from_str(&line).unwrap_or_else(|e| panic!("{what}: {e}: {line}")),
        Err(e) => {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: no line within {PATIENCE:?} ({e})");
        }
    }
}

const RECORD_1: &str =
    r#"{"id":"r1","lang":"en","text":"Delegates said the hardest part of of the talks was over."}"#;
const RECORD_2: &str =
    r#"{"id":"r2","lang":"en","text":"The harbour will reopen on Monday, the council said."}"#;

/// Writes records one at a time to `input` and reads each result before the next record is
/// written and before the input is closed.
fn first_results_before_close(child: &mut Child, mut input: impl Write) {
    let rx = lines_of(child);
    writeln!(input, "{RECORD_1}").unwrap();
    input.flush().unwrap();
    let first = next_line(&rx, child, "first record");
    assert_eq!(first["path"], "r1");
    assert_eq!(first["findings"][0]["rule"], "en/doubled-word", "{first}");
    // A bad line is reported with its line number, and the stream goes on.
    writeln!(input, "{{\"id\": 3, \"text\": }}").unwrap();
    writeln!(input, "{RECORD_2}").unwrap();
    input.flush().unwrap();
    let bad = next_line(&rx, child, "bad record");
    assert!(
        bad["error"].as_str().unwrap().contains(":2:"),
        "the error names line 2: {bad}"
    );
    let second = next_line(&rx, child, "second record");
    assert_eq!(second["path"], "r2");
    assert_eq!(second["findings"].as_array().unwrap().len(), 0, "{second}");
    drop(input);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(2), "a bad record is an input error");
    assert!(
        rx.recv_timeout(PATIENCE).is_err(),
        "nothing after the input ends"
    );
}

#[test]
fn jsonl_from_a_pipe_is_answered_record_by_record() {
    let mut child = mtlint_cmd()
        .args([
            "check",
            "--no-config",
            "--input-format",
            "jsonl",
            "--format",
            "jsonl",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let input = child.stdin.take().unwrap();
    first_results_before_close(&mut child, input);
}

#[cfg(unix)]
#[test]
fn jsonl_from_a_named_fifo_is_answered_record_by_record() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("in.jsonl");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let mut child = mtlint_cmd()
        .args(["check", "--no-config", "--format", "jsonl", "-j", "2"])
        .arg(&fifo)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Opening a FIFO for writing waits for its reader: done aside, with a time limit.
    let (tx, rx) = mpsc::channel();
    let path = fifo.clone();
    std::thread::spawn(move || {
        let _ = tx.send(std::fs::OpenOptions::new().write(true).open(path));
    });
    let input = match rx.recv_timeout(PATIENCE) {
        Ok(f) => f.unwrap(),
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            // Unblock the opener by becoming the FIFO's reader.
            let _ = std::fs::File::open(&fifo);
            panic!("mtlint never opened the FIFO");
        }
    };
    first_results_before_close(&mut child, input);
}

/// Records grouped by `doc` are one document: it is reported once the next document starts.
#[test]
fn jsonl_documents_of_segments_stream_in_order() {
    let mut input = String::new();
    for d in 0..30 {
        for s in 0..3 {
            input.push_str(&format!(
                "{{\"id\":\"{d}-{s}\",\"doc\":\"d{d}\",\"lang\":\"en\",\"text\":\"Segment {s} of document {d} is here.\"}}\n"
            ));
        }
        input.push_str(&format!(
            "{{\"id\":\"single-{d}\",\"lang\":\"en\",\"text\":\"A record on its own, number {d}.\"}}\n"
        ));
    }
    let mut child = mtlint_cmd()
        .args(["check", "--no-config", "--format", "jsonl", "-j", "2"])
        .args(["--input-format", "jsonl", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let paths: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["path"].to_string())
        .collect();
    let mut want = Vec::new();
    for d in 0..30 {
        for s in 0..3 {
            want.push(format!("\"{d}-{s}\""));
        }
        want.push(format!("\"single-{d}\""));
    }
    assert_eq!(paths, want);
}

#[test]
fn jobs_1_and_2_give_the_same_output_in_every_format() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for format in ["text", "json", "jsonl", "sarif", "github", "junit", "html"] {
        let run = |jobs: &str| {
            let out = run_in(
                root,
                &[
                    "check",
                    "--no-config",
                    "--format",
                    format,
                    "--jobs",
                    jobs,
                    "tests/fixtures",
                    "examples",
                ],
            );
            assert_eq!(out.status.code(), Some(1), "{format}: the fixtures fail");
            out
        };
        let (one, two) = (run("1"), run("2"));
        assert!(one.stdout.len() > 1000, "{format}: a report");
        assert!(
            one.stdout == two.stdout,
            "{format}: --jobs 1 and --jobs 2 differ"
        );
        assert_eq!(one.stderr, two.stderr, "{format}: stderr differs");
    }
}

#[test]
fn jobs_must_be_a_positive_number() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for bad in ["0", "x", "-1"] {
        let out = run_in(root, &["check", "--jobs", bad, "examples"]);
        assert_eq!(out.status.code(), Some(2), "--jobs {bad}");
    }
}

/// F27c: walks skipped hidden files and symbolic links without a word.
#[cfg(unix)]
#[test]
fn walks_say_what_they_skip() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = "The port will raise its fees in May, the authority said.\n";
    std::fs::create_dir_all(d.join("docs/.drafts")).unwrap();
    std::fs::write(d.join("docs/a.txt"), text).unwrap();
    std::fs::write(d.join("docs/.hidden.md"), text).unwrap();
    std::fs::write(d.join("docs/.drafts/b.txt"), text).unwrap();
    std::fs::write(d.join("outside.txt"), text).unwrap();
    std::os::unix::fs::symlink("../outside.txt", d.join("docs/link.txt")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", d.join("docs/dangling.txt")).unwrap();
    // Not prose: neither checked nor worth a word.
    std::fs::write(d.join("docs/.config.toml"), "x = 1\n").unwrap();
    let out = run_in(
        d,
        &[
            "check",
            "--no-config",
            "--lang",
            "en",
            "--format",
            "jsonl",
            "docs",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let checked: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(checked.len(), 1, "only docs/a.txt is checked: {checked:?}");
    assert_eq!(checked[0]["path"], "docs/a.txt");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    for name in [
        "docs/.drafts",
        "docs/.hidden.md",
        "docs/link.txt",
        "docs/dangling.txt",
    ] {
        assert!(
            stderr.contains(&format!("`{name}`")),
            "{name} named: {stderr}"
        );
    }
    assert!(!stderr.contains(".config.toml"), "{stderr}");
    assert_eq!(
        stderr.lines().count(),
        1,
        "one line per walked directory: {stderr}"
    );
    // Named on the command line, they are checked.
    let out = run_in(
        d,
        &[
            "check",
            "--no-config",
            "--lang",
            "en",
            "docs/.hidden.md",
            "docs/link.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty());
}

/// F19: SARIF places a JSON Lines record's findings at its line of the file, segments of a
/// document included, and names the record.
#[test]
fn sarif_places_jsonl_records_at_their_lines() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let lines = [
        r#"{"id":"a","text":"The harbour will reopen on Monday, the council said."}"#,
        "",
        r#"{"id":"b","text":"Delegates said the hardest part of of the talks was over."}"#,
        r#"{"id":"s1","doc":"d","text":"The ferry left on time."}"#,
        r#"{"id":"s2","doc":"d","text":"It was was full of tourists."}"#,
    ];
    std::fs::write(d.join("my batch.jsonl"), lines.join("\n")).unwrap();
    let out = run_in(
        d,
        &[
            "check",
            "--no-config",
            "--lang",
            "en",
            "--format",
            "sarif",
            "my batch.jsonl",
        ],
    );
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let placed: Vec<(String, u64, String)> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"] == "en/doubled-word")
        .map(|r| {
            let l = &r["locations"][0];
            (
                l["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                l["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap(),
                l["logicalLocations"][0]["name"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        placed,
        [
            ("my%20batch.jsonl".to_string(), 3, "b".to_string()),
            ("my%20batch.jsonl".to_string(), 5, "s2".to_string()),
        ]
    );
}
