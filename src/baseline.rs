//! Fingerprints and baselines: recording today's findings so that a later run reports (and
//! gates on) only new ones.
//!
//! A fingerprint is built from the rule id, the matched text and the text around it, each
//! normalised (lowercase, white space collapsed) — never from line numbers — so it survives
//! edits elsewhere in the file.
//!
//! A baseline file is JSON, version 2: `{"version": 2, "files": {"docs/a.txt": [{"rule",
//! "line", "text", "fingerprint"}, …]}}`. A file is keyed by its path relative to a stable
//! folder (the configuration file's folder, else the repository root, else the working
//! directory: see [`PathKeys`]), so running from another folder or with an absolute path finds
//! the same entries. Only the fingerprint is matched; rule, line and text are for people
//! reading the file. Version 1 (`{"version": 1, "fingerprints": {"path": ["…"]}}`, keyed by
//! the path as typed) is still read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::document::Span;
use crate::report::FileReport;

/// Words of context taken on each side of a finding.
const CONTEXT: usize = 4;

fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// FNV-1a, 64 bits: small, stable across versions and platforms.
fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The fingerprint of a finding of `rule` at `span` in `text`: the rule, the matched text and
/// up to [`CONTEXT`] words on each side.
pub fn fingerprint(text: &str, rule: &str, span: Span) -> String {
    let mut from = span.start.saturating_sub(CONTEXT * 24);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (span.end + CONTEXT * 24).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let before: Vec<&str> = text[from..span.start].split_whitespace().collect();
    let before = before[before.len().saturating_sub(CONTEXT)..].join(" ");
    let after: Vec<&str> = text[span.end..to]
        .split_whitespace()
        .take(CONTEXT)
        .collect();
    let key = format!(
        "{rule}\u{1f}{}\u{1f}{}\u{1f}{}",
        normalize(&before),
        normalize(span.of(text)),
        normalize(&after.join(" "))
    );
    format!("{:016x}", fnv(key.as_bytes()))
}

/// The key a path is recorded under: `./docs/a.txt` and `docs/a.txt` are one file.
pub fn path_key(path: &str) -> String {
    let mut p = path;
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    p.to_string()
}

/// One recorded finding.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub rule: String,
    /// The line the finding was on when it was recorded (for people: matching ignores it).
    pub line: usize,
    pub text: String,
    pub fingerprint: String,
}

/// Recorded findings per file.
#[derive(Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    /// Version 2: entries per path key.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub files: BTreeMap<String, Vec<Entry>>,
    /// Version 1: fingerprints per path as typed.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fingerprints: BTreeMap<String, Vec<String>>,
    /// How paths are turned into keys (set by the reader, not stored).
    #[serde(skip)]
    pub keys: PathKeys,
}

impl Baseline {
    pub fn new(keys: PathKeys) -> Self {
        Self {
            version: 2,
            files: BTreeMap::new(),
            fingerprints: BTreeMap::new(),
            keys,
        }
    }

    /// The fingerprints recorded for a path (as shown in the report).
    fn prints(&self, path: &str) -> Vec<&str> {
        if self.version == 1 {
            return self
                .fingerprints
                .get(&path_key(path))
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
        }
        self.files
            .get(&self.keys.key(path))
            .into_iter()
            .flatten()
            .map(|e| e.fingerprint.as_str())
            .collect()
    }

    /// Whether the baseline holds this fingerprint for this path.
    pub fn contains(&self, path: &str, fingerprint: &str) -> bool {
        self.prints(path).contains(&fingerprint)
    }

    /// How many times each fingerprint was recorded for this path: a baseline holds counts, so
    /// one recorded finding hides one finding, not every finding with the same fingerprint.
    pub fn counts(&self, path: &str) -> std::collections::HashMap<&str, usize> {
        let mut counts = std::collections::HashMap::new();
        for f in self.prints(path) {
            *counts.entry(f).or_insert(0) += 1;
        }
        counts
    }

    /// Records the findings of a report.
    pub fn record(&mut self, report: &FileReport) {
        let entries: Vec<Entry> = report
            .findings
            .iter()
            .map(|f| Entry {
                rule: f.rule.to_string(),
                line: f.line,
                text: f.text.clone(),
                fingerprint: fingerprint(&report.text, &f.rule, f.span),
            })
            .collect();
        if !entries.is_empty() {
            self.files
                .entry(self.keys.key(&report.path))
                .or_default()
                .extend(entries);
        }
    }

    /// Entries whose file is gone: (key, number of entries). Keys that are not paths (JSON
    /// Lines record ids) cannot be told from gone files, so only keys with a `/` or a file
    /// extension are checked.
    pub fn stale(&self) -> Vec<(String, usize)> {
        let keys: Vec<(&String, usize)> = if self.version == 1 {
            self.fingerprints
                .iter()
                .map(|(k, v)| (k, v.len()))
                .collect()
        } else {
            self.files.iter().map(|(k, v)| (k, v.len())).collect()
        };
        keys.into_iter()
            .filter(|(k, _)| {
                let p = std::path::Path::new(k.as_str());
                (k.contains('/') || p.extension().is_some()) && !self.keys.resolve(k).exists()
            })
            .map(|(k, n)| (k.clone(), n))
            .collect()
    }
}

/// How a path is turned into a baseline key: relative to `root` (canonical), with `/`
/// separators; a path outside it keeps its absolute form, and a name that is not a file (a
/// record id, `-`) is kept as given.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PathKeys {
    pub root: Option<PathBuf>,
}

impl PathKeys {
    /// Keys relative to `root`.
    pub fn relative_to(root: &Path) -> Self {
        Self {
            root: Some(std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf())),
        }
    }

    /// The folder keys are relative to: the configuration file's folder when there is one,
    /// else the root of the git repository holding `cwd`, else `cwd`.
    pub fn discover(config: Option<&Path>, cwd: &Path) -> Self {
        if let Some(dir) = config.and_then(Path::parent) {
            let dir = if dir.as_os_str().is_empty() { cwd } else { dir };
            return Self::relative_to(&cwd.join(dir));
        }
        let repo = cwd.ancestors().find(|d| d.join(".git").exists());
        Self::relative_to(repo.unwrap_or(cwd))
    }

    /// The key of a path as shown in a report.
    pub fn key(&self, shown: &str) -> String {
        let Some(root) = &self.root else {
            return path_key(shown);
        };
        let Ok(real) = std::fs::canonicalize(shown) else {
            return path_key(shown);
        };
        match real.strip_prefix(root) {
            Ok(rel) => rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
            Err(_) => real.to_string_lossy().into_owned(),
        }
    }

    /// Where the file of a key lies.
    pub fn resolve(&self, key: &str) -> PathBuf {
        match &self.root {
            Some(root) => root.join(key),
            None => PathBuf::from(key),
        }
    }
}

/// Drops the findings of `report` recorded in `baseline`, counts them in
/// `report.baselined`, and scores and judges the file again by its own gate.
pub fn apply(report: &mut FileReport, baseline: &Baseline, weights: &crate::score::Weights) {
    let text = report.text.clone();
    let mut budget = baseline.counts(&report.path);
    let before = report.findings.len();
    report.findings.retain(|f| {
        let print = fingerprint(&text, &f.rule, f.span);
        match budget.get_mut(print.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        }
    });
    report.baselined += before - report.findings.len();
    let penalty = report
        .findings
        .iter()
        .fold(0.0, |sum, f| sum + weights.of(f.severity));
    report.penalty = penalty;
    report.penalty_per_1k_words = crate::score::per_thousand(penalty, report.words);
    report.score = crate::score::score_of(penalty, report.words);
    // The gate the report was judged by: a record's id is not a path to resolve (F13).
    let gate = report.gate.gate();
    report.judge(gate);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_survive_edits_elsewhere() {
        let a = "Intro.\n\nHe left on Thursday. Ta. Then more.";
        let b = "A new first paragraph.\n\nIntro.\n\nHe left on Thursday.  Ta. Then more.";
        let fa = fingerprint(
            a,
            "x/y",
            Span::new(a.find("Ta.").unwrap(), a.find("Ta.").unwrap() + 3),
        );
        let fb = fingerprint(
            b,
            "x/y",
            Span::new(b.find("Ta.").unwrap(), b.find("Ta.").unwrap() + 3),
        );
        assert_eq!(fa, fb);
        let fc = fingerprint(
            b,
            "x/z",
            Span::new(b.find("Ta.").unwrap(), b.find("Ta.").unwrap() + 3),
        );
        assert_ne!(fa, fc);
    }
}
