//! Baselines keyed by a stable path: the same entries are found from another folder, with an
//! absolute path, and keyed to the configuration file's folder; a renamed file is a new key,
//! so its findings come back and its old entries are reported as stale.

mod common;
use common::{run_in, settings};

use std::path::Path;
use std::process::Output;

/// Standard output and error of a run, with the temporary folder's path replaced.
fn shown(out: &Output, root: &Path) -> String {
    let root = std::fs::canonicalize(root).unwrap();
    let text = format!(
        "exit {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    text.replace(&root.display().to_string(), "<root>")
}

/// Two findings: a leaked particle (major) and a doubled word (minor).
const ARTICLE: &str = "The ferry operator said on Monday that it would add a late sailing. \
Ne.\n\nPassengers had asked for for a later boat for years.\n";

#[test]
fn baseline_keys_survive_another_folder_and_an_absolute_path_but_not_a_rename() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir(root.join(".git")).unwrap(); // the repository root
    std::fs::create_dir(root.join("docs")).unwrap();
    std::fs::write(root.join("docs/ferry.txt"), ARTICLE).unwrap();
    let lang = ["--lang", "en", "--source-lang", "ko"];
    let with = |extra: &[&str]| -> Vec<String> {
        let mut a: Vec<String> = vec!["check".into()];
        a.extend(lang.iter().map(|s| s.to_string()));
        a.extend(extra.iter().map(|s| s.to_string()));
        a
    };
    let run = |dir: &Path, extra: &[&str]| {
        let a = with(extra);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        run_in(dir, &a)
    };
    let recorded = run(
        root,
        &["--write-baseline", "baseline.json", "docs/ferry.txt"],
    );
    assert_eq!(recorded.status.code(), Some(0), "{recorded:?}");
    let baseline = std::fs::read_to_string(root.join("baseline.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&baseline).unwrap();
    assert_eq!(v["version"], 2);
    assert_eq!(v["files"]["docs/ferry.txt"].as_array().unwrap().len(), 2);

    // From another folder: the same key.
    let docs = root.join("docs");
    let from_docs = run(&docs, &["--baseline", "../baseline.json", "ferry.txt"]);
    assert_eq!(from_docs.status.code(), Some(0), "{from_docs:?}");
    // With an absolute path.
    let abs = root.join("docs/ferry.txt").display().to_string();
    let absolute = run(root, &["--baseline", "baseline.json", &abs]);
    assert_eq!(absolute.status.code(), Some(0), "{absolute:?}");
    // JSON counts what the baseline hid.
    let json = run(
        root,
        &[
            "--baseline",
            "baseline.json",
            "--format",
            "json",
            "docs/ferry.txt",
        ],
    );
    let r: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(r["files"][0]["baselined"], 2);
    assert_eq!(r["summary"]["baselined"], 2);
    assert_eq!(r["files"][0]["findings"].as_array().unwrap().len(), 0);

    // After a rename the key is new: the findings are reported again and the old entry is
    // stale.
    std::fs::rename(root.join("docs/ferry.txt"), root.join("docs/ferries.txt")).unwrap();
    let renamed = run(root, &["--baseline", "baseline.json", "docs/ferries.txt"]);
    assert_eq!(renamed.status.code(), Some(1), "{renamed:?}");
    settings().bind(|| {
        insta::assert_snapshot!("baseline-file", baseline);
        insta::assert_snapshot!("baseline-from-another-folder", shown(&from_docs, root));
        insta::assert_snapshot!("baseline-absolute-path", shown(&absolute, root));
        insta::assert_snapshot!("baseline-after-rename", shown(&renamed, root));
    });
}

#[test]
fn baseline_keys_follow_the_configuration_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("site/news")).unwrap();
    std::fs::write(root.join("site/mtlint.toml"), "").unwrap();
    std::fs::write(root.join("site/news/ferry.txt"), ARTICLE).unwrap();
    let args = ["check", "--lang", "en", "--source-lang", "ko"];
    let mut write = args.to_vec();
    write.extend(["--write-baseline", "../baseline.json", "news/ferry.txt"]);
    // The configuration is found from the working folder upward.
    let out = run_in(&root.join("site"), &write);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("baseline.json")).unwrap())
            .unwrap();
    assert!(v["files"]["news/ferry.txt"].is_array(), "{v}");
    // From a folder below, with the configuration found upward: the same key.
    let mut read = args.to_vec();
    read.extend(["--baseline", "../../baseline.json", "ferry.txt"]);
    let out = run_in(&root.join("site/news"), &read);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("the baseline hid 2 findings in 1 files"),
        "{out:?}"
    );
}

#[test]
fn version_1_baselines_are_still_read() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::write(root.join("ferry.txt"), ARTICLE).unwrap();
    let args = ["check", "--lang", "en", "--source-lang", "ko"];
    // The version-1 fingerprints of today's findings, taken from the SARIF output.
    let mut sarif = args.to_vec();
    sarif.extend(["--format", "sarif", "ferry.txt"]);
    let out = run_in(root, &sarif);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let prints: Vec<&serde_json::Value> = v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["partialFingerprints"]["mtlint/v1"])
        .collect();
    assert_eq!(prints.len(), 2);
    let old = serde_json::json!({"version": 1, "fingerprints": {"ferry.txt": prints}});
    std::fs::write(root.join("old.json"), old.to_string()).unwrap();
    let mut read = args.to_vec();
    read.extend(["--baseline", "old.json", "ferry.txt"]);
    let out = run_in(root, &read);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}
