//! Regressions of the reliability report (issue #11): one test per failure, each with the
//! report's reproducer in its smallest form. The quadratic shapes are run at sizes that took
//! many seconds before; the tests assert results, never time.

mod common;
use common::{assert_error, json, run_in, stderr, write};

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

/// Every finding of every file: span inside the text, on char boundaries, `text` equal to the
/// bytes.
fn assert_contract(report: &serde_json::Value, texts: &[&str]) {
    for (file, text) in report["files"].as_array().unwrap().iter().zip(texts) {
        for f in file["findings"].as_array().unwrap() {
            let (a, b) = (
                f["span"]["start"].as_u64().unwrap() as usize,
                f["span"]["end"].as_u64().unwrap() as usize,
            );
            assert!(a <= b && b <= text.len(), "{f}");
            assert!(text.is_char_boundary(a) && text.is_char_boundary(b), "{f}");
            assert_eq!(f["text"].as_str().unwrap(), &text[a..b]);
        }
    }
}

fn rules(dir: &Path, body: &str) {
    write(
        dir,
        "r/s.toml",
        format!("language = \"en\"\n{body}").as_bytes(),
    );
}

const DOUBLE_SPACE: &str = r#"
[[rule]]
id = "en/double-space"
kind = "pattern"
category = "style"
severity = "minor"
message = "two spaces"
why = "house style"
pattern = '  '
examples = [
  { bad = "He said<m>  </m>no." },
  { good = "He said no." },
]
"#;

// F1: a user pattern matching inside masked multi-byte Markdown/HTML text panicked.
#[test]
fn f1_spans_in_masked_multibyte_text_are_snapped() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    rules(d, DOUBLE_SPACE);
    let md = "The station is called `東京` in Japanese.\n";
    let html = "<p>The <span title=\"東京\">station</span> is big.</p>\n";
    write(d, "a.md", md.as_bytes());
    write(d, "b.html", html.as_bytes());
    let out = run_in(
        d,
        &[
            "check",
            "--no-config",
            "--lang",
            "en",
            "--rules",
            "r",
            "--format",
            "json",
            "a.md",
            "b.html",
        ],
    );
    assert_ne!(out.status.code(), Some(101), "{}", stderr(&out));
    assert_contract(&json(&out), &[md, html]);
    // The same through a `[terms]` key of the configuration.
    write(d, "mtlint.toml", b"[terms]\n\"  ,\" = \";\"\n");
    let t = "He said `\u{e9}`, then left.\n";
    write(d, "t.md", t.as_bytes());
    let out = run_in(d, &["check", "--lang", "en", "--format", "json", "t.md"]);
    assert_ne!(out.status.code(), Some(101), "{}", stderr(&out));
    assert_contract(&json(&out), &[t]);
}

// F2: an empty transliteration key hung the run; it is a load error naming the position.
#[test]
fn f2_empty_transliteration_key_is_a_load_error() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    write(
        d,
        "d/r.toml",
        b"language = \"en\"\n[transliteration]\n\"\" = \"x\"\n",
    );
    write(d, "t.txt", b"Mr. Rutte left.\n");
    let out = run_in(
        d,
        &[
            "check",
            "--no-config",
            "--lang",
            "en",
            "--rules",
            "d",
            "t.txt",
        ],
    );
    assert_error(&out, "r.toml:3:1");
    // An empty pattern too.
    rules(d, &DOUBLE_SPACE.replace("pattern = '  '", "pattern = ''"));
    let out = run_in(
        d,
        &[
            "check",
            "--no-config",
            "--lang",
            "en",
            "--rules",
            "r",
            "t.txt",
        ],
    );
    assert_error(&out, "empty regex");
}

// F27e: `check --rules` ran rules whose examples fail; they are checked first.
#[test]
fn f27e_rules_examples_run_before_checking() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    write(d, "t.txt", b"He left.\n");
    rules(d, &DOUBLE_SPACE.replace("He said no.", "He  said no."));
    let out = run_in(
        d,
        &[
            "check",
            "--no-config",
            "--lang",
            "en",
            "--rules",
            "r",
            "t.txt",
        ],
    );
    assert_error(&out, "good example");
}

// F4: `--output` replaced symlinks and FIFOs, and dropped the target's mode.
#[cfg(unix)]
#[test]
fn f4_output_writes_through_symlinks_and_fifos_and_keeps_the_mode() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    write(d, "a.txt", b"He went home.\n");
    write(d, "real.json", b"old");
    std::fs::set_permissions(d.join("real.json"), std::fs::Permissions::from_mode(0o640)).unwrap();
    std::os::unix::fs::symlink("real.json", d.join("link.json")).unwrap();
    let out = run_in(
        d,
        &[
            "check",
            "--lang",
            "en",
            "--format",
            "json",
            "-o",
            "link.json",
            "a.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let meta = std::fs::symlink_metadata(d.join("link.json")).unwrap();
    assert!(meta.file_type().is_symlink());
    let real = std::fs::read_to_string(d.join("real.json")).unwrap();
    assert!(real.contains("\"files\""), "{real}");
    let mode = std::fs::metadata(d.join("real.json"))
        .unwrap()
        .permissions();
    assert_eq!(mode.mode() & 0o777, 0o640);
    // A FIFO is written, not replaced.
    let fifo = d.join("f");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut s = String::new();
            std::fs::File::open(fifo)
                .unwrap()
                .read_to_string(&mut s)
                .unwrap();
            s
        })
    };
    let out = run_in(
        d,
        &[
            "check", "--lang", "en", "--format", "json", "-o", "f", "a.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(reader.join().unwrap().contains("\"files\""));
    let meta = std::fs::symlink_metadata(&fifo).unwrap();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type()));
    // A device: /dev/null is written to, nothing is created in /dev.
    let out = run_in(d, &["check", "--lang", "en", "-o", "/dev/null", "a.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

// F5: the text format rescanned a long line for every finding. Every frame is still drawn.
#[test]
fn f5_text_output_on_a_long_line_with_many_findings() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    write(d, "go.txt", "go ".repeat(30_000).as_bytes());
    let out = run_in(
        d,
        &[
            "check",
            "--lang",
            "en",
            "--select",
            "en/doubled-word",
            "go.txt",
        ],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let frames = text.matches("en/doubled-word:").count();
    assert!(frames > 1000, "{frames}");
    assert_eq!(text.matches(" | ").count(), 2 * frames); // a code line and a caret line each
}

// F6: overlapping spans on a long line fell back to counting from the line start.
#[test]
fn f6_positions_of_overlapping_offsets_match_the_line_index() {
    let text = format!("\u{feff}é {}\nsecond line é é\n", "go ".repeat(2000));
    let idx = mtlint::document::LineIndex::new(&text);
    let offsets: Vec<usize> = (0..text.len())
        .filter(|&o| text.is_char_boundary(o))
        .rev()
        .collect();
    let pos = mtlint::report::Positions::new(&text, offsets.iter().copied());
    for &o in &offsets {
        assert_eq!(pos.at(o), idx.line_col(&text, o), "offset {o}");
    }
}

// F10: each substitution hit ran every exception over its whole line.
#[test]
fn f10_substitution_exceptions_on_a_long_line() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    let line = format!("{}Chicken Kiev is served.\n", "Kiev and ".repeat(20_000));
    write(d, "k.txt", line.as_bytes());
    let out = run_in(
        d,
        &[
            "check",
            "--lang",
            "en",
            "--select",
            "en/spelling-convention",
            "--format",
            "json",
            "k.txt",
        ],
    );
    let r = json(&out);
    let findings = r["files"][0]["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 20_000, "{}", stderr(&out));
    assert!(findings.iter().all(|f| f["text"] == "Kiev"));
    let last = line.rfind("Kiev").unwrap() as u64;
    assert!(findings.iter().all(|f| f["span"]["start"] != last));
}

// F11: Markdown masking searched to the end of the line from every `<`.
#[test]
fn f11_markdown_masking_of_unclosed_tags_and_comments() {
    let text = format!("{}\n\nHe said of of it.\n", "<!--".repeat(100_000));
    let p = mtlint::input::prose(&text, mtlint::input::InputFormat::Markdown);
    assert_eq!(p.len(), text.len());
    // An unclosed comment runs on to the end of the document, as in HTML.
    assert!(p.trim().is_empty());
    let text = format!("{}\n\nHe said of of it.\n", "<a ".repeat(100_000));
    let p = mtlint::input::prose(&text, mtlint::input::InputFormat::Markdown);
    assert!(p.contains("<a <a"));
    assert!(p.contains("of of"));
    let text = format!("{}x\n", "&".repeat(100_000));
    let p = mtlint::input::prose(&text, mtlint::input::InputFormat::Html);
    assert_eq!(p, text);
}

// F13: a baseline re-resolved a JSONL record's gate by its id instead of its file.
#[test]
fn f13_baseline_keeps_a_records_gate() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    write(
        d,
        "mtlint.toml",
        b"lang = \"en\"\n[[overrides]]\npaths = [\"drafts/**\"]\nfail-on = \"never\"\n",
    );
    write(
        d,
        "drafts/r.jsonl",
        br#"{"id":"r1","text":"SELECT LANGUAGE BELOW\n\nThe minister went to Kiev on Monday."}"#,
    );
    write(d, "empty.json", br#"{"version":1,"fingerprints":{}}"#);
    let plain = run_in(d, &["check", "drafts"]);
    assert_eq!(plain.status.code(), Some(0), "{}", stderr(&plain));
    let with = run_in(d, &["check", "--baseline", "empty.json", "drafts"]);
    assert_eq!(with.status.code(), Some(0), "{}", stderr(&with));
}

// F14: a finding at byte 0 of a BOM file shifted the columns after it by one.
#[test]
fn f14_columns_after_a_finding_at_the_bom() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    rules(
        d,
        r#"
[[rule]]
id = "en/first-char"
kind = "pattern"
category = "style"
severity = "minor"
message = "first"
why = "test"
scope = "document"
pattern = '(?s)^.'
examples = [
  { bad = "<m>H</m>e left." },
  { good = "" },
]
"#,
    );
    write(d, "t.txt", "\u{feff}He went to Kiev of of it.\n".as_bytes());
    let out = run_in(
        d,
        &[
            "check",
            "--no-config",
            "--lang",
            "en",
            "--rules",
            "r",
            "--format",
            "json",
            "t.txt",
        ],
    );
    let r = json(&out);
    let col = |t: &str| {
        r["files"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["text"] == t)
            .map(|f| (f["line"].as_u64().unwrap(), f["column"].as_u64().unwrap()))
    };
    assert_eq!(col("Kiev"), Some((1, 12)), "{r}");
    assert_eq!(col("of of"), Some((1, 17)), "{r}");
}

fn findings_of(d: &Path, name: &str) -> Vec<String> {
    let out = run_in(
        d,
        &[
            "check",
            "--no-config",
            "--lang",
            "en",
            "--format",
            "json",
            name,
        ],
    );
    json(&out)["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

// F15: a `<!--` inside code masked the rest of the Markdown document.
#[test]
fn f15_comment_opener_inside_code_is_code() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    write(
        d,
        "a.md",
        b"Use `<!--` to open a comment.\n\nHe said of of it in Kiev.\n",
    );
    write(
        d,
        "b.md",
        b"```html\n<!-- example\n```\n\nHe said of of it in Kiev.\n",
    );
    for name in ["a.md", "b.md"] {
        let f = findings_of(d, name);
        assert!(f.iter().any(|r| r == "en/doubled-word"), "{name}: {f:?}");
    }
}

// F16: (a) an indented list continuation was read as code; (b) a `# mtlint-disable-file`
// heading in Markdown acted as a directive.
#[test]
fn f16_markdown_list_continuation_and_hash_headings() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    write(
        d,
        "a.md",
        b"- item one is long and\n    wrapped here of of in Kiev.\n",
    );
    let f = findings_of(d, "a.md");
    assert!(f.iter().any(|r| r == "en/doubled-word"), "{f:?}");
    assert!(!f.iter().any(|r| r == "en/truncated-paragraph"), "{f:?}");
    write(
        d,
        "b.md",
        b"# mtlint-disable-file\n\nHe said of of it in Kiev.\n",
    );
    let f = findings_of(d, "b.md");
    assert!(f.iter().any(|r| r == "en/doubled-word"), "{f:?}");
    // Indented code after a blank line is still code.
    write(d, "c.md", b"Intro text here.\n\n    of of code\n");
    assert!(
        !findings_of(d, "c.md")
            .iter()
            .any(|r| r == "en/doubled-word")
    );
}

// F17: enabling one rule re-enabled every rule of the range; a prefix range ignored enables.
#[test]
fn f17_enable_takes_back_only_the_rules_it_names() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    write(
        d,
        "a.txt",
        b"<!-- mtlint-disable en/doubled-word, en/spelling-convention -->\nHe said of of it.\n<!-- mtlint-enable en/doubled-word -->\nHe went to Kiev and said of of it.\n",
    );
    let f = findings_of(d, "a.txt");
    assert_eq!(
        f.iter().filter(|r| *r == "en/doubled-word").count(),
        1,
        "{f:?}"
    );
    assert!(!f.iter().any(|r| r == "en/spelling-convention"), "{f:?}");
    write(
        d,
        "b.txt",
        b"<!-- mtlint-disable en/ -->\nHe said of of it.\n<!-- mtlint-enable en/doubled-word -->\nHe went to Kiev and said of of it.\n",
    );
    let f = findings_of(d, "b.txt");
    assert_eq!(
        f.iter().filter(|r| *r == "en/doubled-word").count(),
        1,
        "{f:?}"
    );
    assert!(!f.iter().any(|r| r == "en/spelling-convention"), "{f:?}");
}

// F18: a record's bad language was checked with no rules.
#[test]
fn f18_record_languages_are_validated() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    write(
        d,
        "r.jsonl",
        b"{\"id\":\"a\",\"text\":\"He said of of it.\",\"lang\":\"xx\"}\n{\"id\":\"b\",\"text\":\"He said of of it.\",\"lang\":\"en\",\"source_lang\":\"Japanese\"}\n",
    );
    let out = run_in(d, &["check", "--no-config", "--format", "json", "r.jsonl"]);
    assert_eq!(out.status.code(), Some(2));
    let r = json(&out);
    let files = r["files"].as_array().unwrap();
    assert!(files.iter().all(|f| f["error"].is_string()), "{r}");
}

// F20: an interrupted `--output` run left its temporary file.
#[cfg(unix)]
#[test]
fn f20_interrupted_output_leaves_no_temporary_file() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    for i in 0..40 {
        write(
            d,
            &format!("in/{i}.txt"),
            "He said of of it in Kiev. ".repeat(4000).as_bytes(),
        );
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(["check", "--lang", "en", "-o", "out.json", "in"])
        .current_dir(d)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the temporary file exists, then interrupt.
    let tmp_exists = || {
        std::fs::read_dir(d)
            .unwrap()
            .any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".tmp"))
    };
    for _ in 0..500 {
        if tmp_exists() || child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
    assert!(!tmp_exists());
}

// F21: a closed pipe turned a failing gate into exit 0.
#[test]
fn f21_closed_stdout_keeps_the_failing_exit_code() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    write(
        d,
        "big.txt",
        "The minister said of of it. Ta.\n\n"
            .repeat(5000)
            .as_bytes(),
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(["check", "--lang", "en", "big.txt"])
        .current_dir(d)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 10];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

// F22: a baseline was a set (one record hid every repeat), and any version was accepted.
#[test]
fn f22_baselines_hold_counts_and_a_known_version() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    let line = "alpha beta gamma delta of of epsilon zeta eta theta.\n";
    write(d, "a.txt", line.as_bytes());
    let out = run_in(
        d,
        &[
            "check",
            "--lang",
            "en",
            "--write-baseline",
            "b.json",
            "a.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    write(d, "a.txt", line.repeat(3).as_bytes());
    let out = run_in(
        d,
        &[
            "check",
            "--lang",
            "en",
            "--select",
            "en/doubled-word",
            "--baseline",
            "b.json",
            "--format",
            "json",
            "a.txt",
        ],
    );
    let r = json(&out);
    assert_eq!(
        r["files"][0]["findings"].as_array().unwrap().len(),
        2,
        "{r}"
    );
    write(d, "v3.json", b"{\"version\": 3, \"files\": {}}");
    let out = run_in(
        d,
        &["check", "--lang", "en", "--baseline", "v3.json", "a.txt"],
    );
    assert_error(&out, "version 3");
    write(d, "empty.json", b"");
    let out = run_in(
        d,
        &["check", "--lang", "en", "--baseline", "empty.json", "a.txt"],
    );
    assert_error(&out, "empty.json:1:1");
}

// F23: the score was rounded before `--min-score` compared it.
#[test]
fn f23_gate_compares_the_unrounded_score() {
    use mtlint::score::{Gate, Score, exact_score, score_of};
    assert_eq!(score_of(20.0, 1995), 90.0);
    assert!(exact_score(20.0, 1995) < 90.0);
    let gate = Gate {
        min_score: Some(90.0),
        fail_on: None,
    };
    let s = Score {
        words: 1995,
        penalty: 20.0,
        score: score_of(20.0, 1995),
    };
    assert!(!gate.passes(&s, &[]));
}

// F24: text output printed terminal escapes from the input raw; tabs misaligned the carets.
#[test]
fn f24_text_output_escapes_controls_and_expands_tabs() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    write(d, "e.txt", b"\x1b[2J\x1b]0;pwned\x07 said of of it.\n");
    let out = run_in(d, &["check", "--lang", "en", "e.txt"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\x1b') && !text.contains('\x07'), "{text:?}");
    assert!(text.contains("\\u{1b}[2J"), "{text}");
    write(d, "t.txt", b"\tHe\tsaid of of it.\n");
    let out = run_in(
        d,
        &[
            "check",
            "--lang",
            "en",
            "--select",
            "en/doubled-word",
            "t.txt",
        ],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let code = lines.iter().position(|l| l.starts_with("1 |")).unwrap();
    let caret = lines[code + 1].find('^').unwrap();
    assert_eq!(lines[code].find("of of"), Some(caret), "{text}");
    assert!(!text.contains('\t'));
}

// F25: non-UTF-8 path arguments were rejected; walked names were merged lossily.
#[cfg(unix)]
#[test]
fn f25_non_utf8_paths_are_reported_distinctly() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    std::fs::create_dir(d.join("w")).unwrap();
    for name in [&b"\xff\xfe.txt"[..], &b"\xff\xfd.txt"[..]] {
        std::fs::write(
            d.join("w").join(OsStr::from_bytes(name)),
            b"He said of of it.\n",
        )
        .unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(["check", "--lang", "en", "--format", "json"])
        .arg(OsStr::from_bytes(b"w/\xff\xfe.txt"))
        .arg("w")
        .current_dir(d)
        .output()
        .unwrap();
    let r = json(&out);
    let paths: Vec<&str> = r["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 3, "{r}");
    assert_eq!(paths[0], "w/\\xFF\\xFE.txt");
    assert_ne!(paths[1], paths[2]);
}

// F26: a `[terms]` key with a line break was reported inside the generated rule text.
#[test]
fn f26_term_with_a_line_break_is_reported_in_the_config() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    write(d, "c.toml", b"lang=\"en\"\n[terms]\n\"of\\nof\" = \"x\"\n");
    write(d, "a.txt", b"He left.\n");
    let out = run_in(d, &["check", "--config", "c.toml", "a.txt"]);
    assert_error(&out, "c.toml:3:1");
}

// F27a: a term mapped to itself flagged the required form; it is a load error.
// F27b: per-file errors came in thread order.
#[test]
fn f27_self_mapping_terms_and_ordered_errors() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    write(d, "c.toml", b"[terms]\n\"e-mail\" = \"e-mail\"\n");
    write(d, "a.txt", b"Send an e-mail.\n");
    let out = run_in(d, &["check", "--lang", "en", "--config", "c.toml", "a.txt"]);
    assert_error(&out, "c.toml:2:1");
    let missing: Vec<String> = (0..40).map(|i| format!("missing-{i:02}.txt")).collect();
    let mut args = vec!["check", "--no-config", "--lang", "en"];
    args.extend(missing.iter().map(String::as_str));
    let out = run_in(d, &args);
    let order: Vec<usize> = missing
        .iter()
        .map(|m| stderr(&out).find(m.as_str()).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{}", stderr(&out));
}

// F27g: every directive was tried for every finding.
#[test]
fn f27g_many_next_line_directives() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    let mut text = String::new();
    for _ in 0..5000 {
        text.push_str("<!-- mtlint-disable-next-line en/doubled-word -->\nHe said of of it.\n");
    }
    text.push_str("He said of of it.\n");
    write(d, "s.txt", text.as_bytes());
    let out = run_in(
        d,
        &[
            "check",
            "--lang",
            "en",
            "--select",
            "en/doubled-word",
            "--format",
            "json",
            "s.txt",
        ],
    );
    let r = json(&out);
    let f = r["files"][0]["findings"].as_array().unwrap();
    assert_eq!(f.len(), 1, "{r}");
    assert_eq!(f[0]["line"], 10001);
    assert!(r["files"][0].get("unused_suppressions").is_none());
}

// F21: a closed standard input read as an empty text and passed.
#[cfg(unix)]
#[test]
fn f21_closed_stdin_is_an_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(["check", "--lang", "en", "-"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("standard input"));
}

// F27d: `mtlint rules --source-lang ZZ` was accepted.
#[test]
fn f27d_rules_rejects_a_bad_source_language() {
    let d = tempfile::tempdir().unwrap();
    let out = run_in(d.path(), &["rules", "--lang", "en", "--source-lang", "ZZ"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = run_in(d.path(), &["rules", "--lang", "en", "--source-lang", "ja"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

// F27f: a pronoun-drift `canonical.text` read "Tanaka (she)", not the text at `canonical.span`.
#[test]
fn f27f_canonical_text_is_the_text_at_its_span() {
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    let text = "Ms. Ines Varga opened the new ward on Monday. She thanked the nurses who had \
                planned it for two years.\n\nVarga said the ward would take its first patients \
                in May. He added that the hospital would hire twelve more staff.\n";
    write(d, "w.txt", text.as_bytes());
    let out = run_in(d, &["check", "--lang", "en", "--format", "json", "w.txt"]);
    let r = json(&out);
    assert_contract(&r, &[text]);
    let findings = r["files"][0]["findings"].as_array().unwrap();
    let drift: Vec<_> = findings
        .iter()
        .filter(|f| f["rule"] == "en/pronoun-drift")
        .collect();
    assert_eq!(drift.len(), 1, "{r}");
    assert_eq!(drift[0]["text"], "He");
    let c = &drift[0]["canonical"];
    let (a, b) = (
        c["span"]["start"].as_u64().unwrap() as usize,
        c["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(c["text"].as_str().unwrap(), &text[a..b], "{c}");
}
