//! Helpers shared by the integration tests: running the binary, writing files, reading its
//! output, and the insta settings every snapshot test uses.
// Each test crate includes this module and uses only part of it.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The binary, with colour off, no standard input and rayon's thread count left to the run.
pub fn mtlint_cmd() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mtlint"));
    c.env("NO_COLOR", "1")
        .env_remove("RAYON_NUM_THREADS")
        .stdin(Stdio::null());
    c
}

/// Runs the binary with `args` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    mtlint_cmd()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run mtlint")
}

/// Runs the binary with `args` in the project's root, where `tests/fixtures/...` resolves.
pub fn mtlint(args: &[&str]) -> Output {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Writes `bytes` to `dir/name` (creating folders) and returns the path as text.
pub fn write(dir: impl AsRef<Path>, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let p = dir.as_ref().join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

/// Standard output parsed as JSON; a parse failure shows both streams.
pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Snapshots live in the top-level `snapshots/` folder, named without the test crate's prefix.
pub fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

/// Asserts that a run stopped with exit code 2 (bad input or usage) and that its standard error
/// says `needle` (a file name and position, as a rule).
pub fn assert_error(out: &Output, needle: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(needle), "expected {needle:?} in: {err}");
}
