//! Throughput benchmark: builds a synthetic corpus of at least 20 MB of article text (its own,
//! generated from sentence templates), checks it with the default English rules and prints MB/s
//! and the peak resident memory. Run with `cargo bench`.
//!
//! No assertions: speed and memory goals are read from the printed figures, not tested.

use std::time::Instant;

use mtlint::ruleset::Catalog;
use mtlint::{Linter, Options};

const TARGET_BYTES: usize = 20 * 1024 * 1024;

const SUBJECTS: &[&str] = &[
    "The minister",
    "Mr. Alvarez",
    "The council",
    "Dr. Brandt",
    "The union",
    "Local officials",
    "The U.S. Senate",
    "Investors",
    "The company",
    "Ms. Okafor",
];
const VERBS: &[&str] = &[
    "said on Tuesday that",
    "warned that",
    "argued that",
    "told reporters outside No. 10 that",
    "confirmed that",
    "denied reports that",
];
const CLAUSES: &[&str] = &[
    "the budget would rise by 3.5% next year",
    "talks with the unions had stalled over pay",
    "the bridge would reopen to traffic in May",
    "prices in Kiev had doubled since the winter",
    "the plan was approved on Tuesday they said",
    "unless the ally reaches the target, the U.S. This includes new rules",
    "the report was written by the",
    "shipments through the port fell for a third month",
];
const DEBRIS: &[&str] = &[
    "Related News",
    "Facebook\nTwitter\nWhatsApp\nEmail",
    "Firefighters worked overnight. AP",
    "He left on Thursday. Ta.",
];

/// A deterministic pseudo-random sequence (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        xs[(self.0 % xs.len() as u64) as usize]
    }
}

fn article(rng: &mut Rng) -> String {
    let mut out = String::from("Officials meet as talks continue\n\n");
    for p in 0..12 {
        for _ in 0..4 {
            out.push_str(rng.pick(SUBJECTS));
            out.push(' ');
            out.push_str(rng.pick(VERBS));
            out.push(' ');
            out.push_str(rng.pick(CLAUSES));
            out.push_str(". ");
        }
        out.push_str("\n\n");
        if p % 5 == 4 {
            out.push_str(rng.pick(DEBRIS));
            out.push_str("\n\n");
        }
    }
    out
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn main() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut docs = Vec::new();
    let mut total = 0;
    while total < TARGET_BYTES {
        let a = article(&mut rng);
        total += a.len();
        docs.push(a);
    }
    let catalog = Catalog::embedded().expect("embedded rules load");
    let linter = Linter::new(catalog, Options::default());
    let start = Instant::now();
    let mut findings = 0;
    for (i, d) in docs.iter().enumerate() {
        findings += linter.check_text(&format!("doc{i}"), d).findings.len();
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = total as f64 / (1024.0 * 1024.0);
    println!(
        "throughput: {} documents, {mb:.1} MB, {findings} findings in {secs:.2} s = {:.1} MB/s",
        docs.len(),
        mb / secs
    );
    match peak_rss_kib() {
        Some(kib) => println!("peak memory (VmHWM): {:.1} MB", kib as f64 / 1024.0),
        None => println!("peak memory: not available on this system"),
    }
}
