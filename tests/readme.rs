//! The README's commands run as written.
//!
//! Convention for the ```` ```sh ```` blocks of README.md and rules/README.md:
//! - a block whose first line is `# not-run: REASON` is not run (it needs the network, builds or
//!   installs, or runs this very test suite); every other block is run, line by line;
//! - each line runs with bash in a scratch folder holding a copy of `examples/`, with the
//!   binary under test first on `PATH`: `mtlint …` and `cargo run --release -- …` both run it
//!   (the test does not rebuild in release mode);
//! - a line must exit 0, unless its comment says `# exits N`;
//! - any other `cargo` command must be in a `not-run` block.
//!
//! The README's configuration example is loaded and behaves as its comments say, and its Rust
//! example is the doctest of `src/lib.rs`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fenced blocks of `lang` in a Markdown text, with the line each starts on.
fn blocks(md: &str, lang: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in md.lines().enumerate() {
        match &mut current {
            None if line.trim_start().starts_with("```") => {
                if line.trim_start().trim_start_matches('`').trim() == lang {
                    current = Some((i + 1, String::new()));
                }
                // Other blocks are skipped up to their closing fence.
                else {
                    current = Some((0, String::new()));
                }
            }
            None => {}
            Some((start, text)) => {
                if line.trim_start().starts_with("```") {
                    if *start > 0 {
                        out.push((*start, std::mem::take(text)));
                    }
                    current = None;
                } else {
                    text.push_str(line);
                    text.push('\n');
                }
            }
        }
    }
    out
}

fn path_with_mtlint() -> String {
    let bin = Path::new(env!("CARGO_BIN_EXE_mtlint")).parent().unwrap();
    format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
fn readme_shell_blocks_run_as_written() {
    let mut ran = 0;
    let mut skipped = 0;
    for doc in ["README.md", "rules/README.md"] {
        let md = std::fs::read_to_string(root().join(doc)).unwrap();
        for (start, block) in blocks(&md, "sh") {
            let first = block.lines().next().unwrap_or("");
            if let Some(reason) = first.strip_prefix("# not-run:") {
                assert!(
                    !reason.trim().is_empty(),
                    "{doc}:{start}: say why it is not run"
                );
                skipped += 1;
                continue;
            }
            let dir = tempfile::tempdir().unwrap();
            copy_dir(&root().join("examples"), &dir.path().join("examples"));
            for (i, line) in block.lines().enumerate() {
                let at = format!("{doc}:{}", start + 1 + i);
                let (cmd, comment) = match line.find(" # ") {
                    Some(k) => (line[..k].trim(), line[k + 3..].trim()),
                    None => (line.trim(), ""),
                };
                if cmd.is_empty() || cmd.starts_with('#') {
                    continue;
                }
                let cmd = cmd
                    .strip_prefix("cargo run --release --")
                    .or_else(|| cmd.strip_prefix("cargo run --"))
                    .map_or_else(|| cmd.to_string(), |rest| format!("mtlint{rest}"));
                assert!(
                    !cmd.starts_with("cargo "),
                    "{at}: `{cmd}` belongs in a `# not-run:` block"
                );
                let expected: i32 = comment
                    .strip_prefix("exits ")
                    .map(|n| n.split_whitespace().next().unwrap().parse().unwrap())
                    .unwrap_or(0);
                let out = Command::new("bash")
                    .args(["-o", "pipefail", "-c", &cmd])
                    .current_dir(dir.path())
                    .env("PATH", path_with_mtlint())
                    .env("NO_COLOR", "1")
                    .stdin(Stdio::null())
                    .output()
                    .unwrap();
                assert_eq!(
                    out.status.code(),
                    Some(expected),
                    "{at}: `{cmd}`\n{}{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                );
                ran += 1;
            }
        }
    }
    assert!(ran >= 5, "only {ran} commands ran");
    assert!(skipped >= 1);
}

/// The `mtlint.toml` example under "Configuration".
fn config_example() -> String {
    let md = std::fs::read_to_string(root().join("README.md")).unwrap();
    let at = md.find("## Configuration").unwrap();
    let (_, block) = blocks(&md[at..], "toml").remove(0);
    block
}

#[test]
fn readme_config_example_does_what_it_says() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("mtlint.toml"), config_example()).unwrap();
    std::fs::create_dir_all(d.join("drafts")).unwrap();
    // One minor spelling finding and a project term: 80 on a short text, below min-score 90.
    let text = "The mayor said her cellphone rang twice during the vote, and another mobile phone \
                rang later. The council met on Monday in Kiev.\n";
    std::fs::write(d.join("drafts/a.txt"), text).unwrap();
    std::fs::write(d.join("b.txt"), text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mtlint"))
        .args(["check", "--format", "json", "drafts/a.txt", "b.txt"])
        .current_dir(d)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
    });
    let rules = |i: usize| -> Vec<String> {
        v["files"][i]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(rules(1), ["common/project-terms", "en/spelling-convention"]);
    assert!(v["files"][1]["score"].as_f64().unwrap() < 90.0);
    assert_eq!(v["files"][1]["passed"], false, "min-score 90 fails b.txt");
    assert_eq!(
        rules(0),
        ["common/project-terms"],
        "drafts ignore the spelling rule"
    );
    assert_eq!(
        v["files"][0]["passed"], true,
        "the drafts override fails on neither severity nor score"
    );
    assert!(
        !rules(0)
            .iter()
            .chain(&rules(1))
            .any(|r| r == "en/term-drift"),
        "the [terms] example does not fight en/term-drift"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn readme_rust_example_is_the_lib_doctest() {
    let md = std::fs::read_to_string(root().join("README.md")).unwrap();
    let (_, example) = blocks(&md, "rust").remove(0);
    let lib = std::fs::read_to_string(root().join("src/lib.rs")).unwrap();
    let doctest: String = lib
        .lines()
        .filter_map(|l| l.strip_prefix("//!"))
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .skip_while(|l| *l != "```")
        .skip(1)
        .take_while(|l| *l != "```")
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(example, doctest);
}
