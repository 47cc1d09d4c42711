//! Fingerprints and baselines: recording today's findings so that a later run reports (and
//! gates on) only new ones.
//!
//! A fingerprint is built from the rule id, the matched text and the text around it, each
//! normalised (lowercase, white space collapsed) — never from line numbers — so it survives
//! edits elsewhere in the file. A baseline file is JSON: `{"version": 1, "fingerprints":
//! {"path": ["…", …]}}`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::document::Span;

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

/// Recorded fingerprints per path.
#[derive(Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub fingerprints: BTreeMap<String, Vec<String>>,
}

impl Baseline {
    pub fn new() -> Self {
        Self {
            version: 1,
            fingerprints: BTreeMap::new(),
        }
    }

    /// Whether the baseline holds this fingerprint for this path.
    pub fn contains(&self, path: &str, fingerprint: &str) -> bool {
        self.fingerprints
            .get(&path_key(path))
            .is_some_and(|v| v.iter().any(|f| f == fingerprint))
    }

    /// How many times each fingerprint was recorded for this path: a baseline holds counts, so
    /// one recorded finding hides one finding, not every finding with the same fingerprint.
    pub fn counts(&self, path: &str) -> std::collections::HashMap<&str, usize> {
        let mut counts = std::collections::HashMap::new();
        for f in self.fingerprints.get(&path_key(path)).into_iter().flatten() {
            *counts.entry(f.as_str()).or_insert(0) += 1;
        }
        counts
    }
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
