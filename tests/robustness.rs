//! Deterministic robustness test: thousands of generated texts made of the pieces that trip up
//! tokenizers, sentence splitters and report renderers (abbreviations, every line ending, BOMs in
//! odd places, non-breaking spaces, combining marks, CJK, emoji, RTL text), plus a few extreme
//! hand-written inputs. Each text is checked as target English, with and without Japanese as the
//! source language, through the public API the command line uses, and both reports are
//! rendered. Nothing may panic, and every finding must point at a valid, non-empty span on char
//! boundaries whose `text` and `line` agree with the input and whose `column` is at least 1.
//!
//! A failing input is shrunk before it is reported, so the failure message names a minimal
//! input, the check that failed and, for a panic, where it happened.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use mtlint::report::{FileReport, Report, render_json, render_text};
use mtlint::ruleset::Catalog;
use mtlint::{Linter, Options};

/// Number of generated texts.
const CASES: usize = 1000;
/// Upper bound of the length of a generated text, in characters.
const MAX_CHARS: usize = 400;

/// Words, abbreviations and names the checks care about; pieces are separated by `|`.
const WORDS: &str = concat!(
    "Mr|U.S|No|Ta|the|It|officePresident|Kiev|The|This|He|a|of|that|there|was|each|when|",
    "unless|AP|Reuters|Photo|Share|Facebook|Twitter|desu|Da|iPhone|WeChat|gover|word|Word|x|J|",
    "e.g|Inc|www.|@|://|_",
);
const DIGITS: &str = "0|7|10|3.5|2024";
const PUNCTUATION: &str = ". |.|...|…|?|!|,|;|:|-|‐|—|'|\"|“|”|‘|’|«|»|「|」|(|)|[|]|{|}";
const SPACES: &str = " |\n|\r\n|\r|\n\n|\r\n\r\n|\t|\u{a0}|\u{3000}|\u{2028}|\u{feff}|\u{200b}";
/// Combining marks, CJK, Hangul, emoji with ZWJ and modifiers, RTL text and marks, U+FFFD.
const SCRIPTS: &str = concat!(
    "\u{301}|e\u{301}|東京|た|。|！|？|、|한국어|👩\u{200d}👩\u{200d}👧|👍🏽|🇯🇵|",
    "שלום|مرحبا|\u{200f}|\u{202e}|\u{fffd}",
);
/// The groups pieces are drawn from, with weights: words, punctuation and spaces come up most.
const GROUPS: &[(&str, usize)] = &[
    (WORDS, 6),
    (DIGITS, 1),
    (PUNCTUATION, 4),
    (SPACES, 4),
    (SCRIPTS, 2),
];

/// xorshift64: a tiny deterministic generator, no dependency needed.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).expect("below n")
    }
}

/// One piece, drawn from a group chosen by weight (within spaces, a plain space half the time).
fn pick(rng: &mut XorShift) -> &'static str {
    let total: usize = GROUPS.iter().map(|g| g.1).sum();
    let mut n = rng.below(total);
    for &(group, weight) in GROUPS {
        if n < weight {
            if group == SPACES && rng.below(2) == 0 {
                return " ";
            }
            let k = rng.below(group.split('|').count());
            return group.split('|').nth(k).expect("k < count");
        }
        n -= weight;
    }
    unreachable!("the weights cover 0..total")
}

/// A text of 0 to `MAX_CHARS` characters (one piece may run past the target).
fn generate(rng: &mut XorShift) -> String {
    let target = rng.below(MAX_CHARS + 1);
    let mut text = String::new();
    let mut chars = 0;
    while chars < target {
        let piece = pick(rng);
        text.push_str(piece);
        chars += piece.chars().count();
    }
    text
}

thread_local! {
    /// Where the last panic on this thread happened.
    static PANIC_AT: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Whether expected panics (while checking or shrinking an input) should stay quiet.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Installs, once, a panic hook that records the panic location and keeps caught panics quiet.
fn install_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let at = info.location().map(ToString::to_string);
            PANIC_AT.with(|p| *p.borrow_mut() = at);
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Why an input failed: `kind` groups failures (a panic location, or a rule and what is wrong
/// with its finding); `detail` says more.
#[derive(Debug)]
struct Failure {
    kind: String,
    detail: String,
}

impl Failure {
    fn new(kind: impl Into<String>, detail: impl Into<String>) -> Self {
        Self {
            kind: kind.into(),
            detail: detail.into(),
        }
    }
}

/// Offsets of the line ends of `text` (`\n`, `\r\n` and a lone `\r`), counted here rather than
/// taken from the library, so the check is independent of it.
fn line_ends(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len())
        .filter(|&i| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .collect()
}

/// Line (1-based) of byte `offset`: one more than the line ends before it.
fn expected_line(ends: &[usize], offset: usize) -> usize {
    1 + ends.partition_point(|&e| e < offset)
}

/// Problems with the findings of one report, if any.
fn validate(text: &str, file: &FileReport) -> Result<(), Failure> {
    let ends = line_ends(text);
    for f in &file.findings {
        let (start, end) = (f.span.start, f.span.end);
        let bad = |what: &str, detail: String| {
            Failure::new(
                format!("{}: {what}", f.rule),
                format!("span {start}..{end}: {detail}"),
            )
        };
        if start >= end {
            return Err(bad("empty or reversed span", String::new()));
        }
        if end > text.len() {
            return Err(bad("span past the end", format!("{} bytes", text.len())));
        }
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            return Err(bad("span not on char boundaries", String::new()));
        }
        if f.text != text[start..end] {
            return Err(bad("text is not the span", format!("{:?}", f.text)));
        }
        if f.line < 1 || f.column < 1 {
            let detail = format!("line {} column {}", f.line, f.column);
            return Err(bad("line or column below 1", detail));
        }
        let line = expected_line(&ends, start);
        if f.line != line {
            return Err(bad(
                "wrong line",
                format!("line {}, expected {line}", f.line),
            ));
        }
    }
    Ok(())
}

/// The rendered JSON must hold findings whose spans, texts, lines and columns are valid.
fn validate_json(text: &str, json: &[u8]) -> Result<(), Failure> {
    let value: serde_json::Value = serde_json::from_slice(json)
        .map_err(|e| Failure::new("JSON report does not parse", e.to_string()))?;
    let findings = value["files"][0]["findings"]
        .as_array()
        .ok_or_else(|| Failure::new("JSON report has no findings array", value.to_string()))?;
    for f in findings {
        let offset = |key: &str| {
            f["span"][key]
                .as_u64()
                .and_then(|n| usize::try_from(n).ok())
        };
        let slice = match (offset("start"), offset("end")) {
            (Some(start), Some(end)) => text.get(start..end),
            _ => None,
        };
        let Some(slice) = slice else {
            return Err(Failure::new("JSON span is not a slice", f.to_string()));
        };
        if f["text"].as_str() != Some(slice) {
            return Err(Failure::new("JSON text is not the span", f.to_string()));
        }
        let positive = |key: &str| f[key].as_u64().is_some_and(|n| n >= 1);
        if !positive("line") || !positive("column") {
            return Err(Failure::new("JSON line or column below 1", f.to_string()));
        }
    }
    Ok(())
}

/// Checks `text` and renders both reports; a failure describes a panic or a bad finding.
fn run_one(linter: &mut Linter, text: &str) -> Result<(), Failure> {
    QUIET.with(|q| q.set(true));
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        let file = linter.check_text("fuzz.txt", text);
        validate(text, &file)?;
        let report = Report::new(vec![file]);
        let mut out = Vec::new();
        render_text(&report, &mut out, false)
            .map_err(|e| Failure::new("text report", e.to_string()))?;
        String::from_utf8(out).map_err(|_| Failure::new("text report is not UTF-8", ""))?;
        let mut out = Vec::new();
        render_json(&report, &mut out).map_err(|e| Failure::new("JSON report", e.to_string()))?;
        validate_json(text, &out)
    }));
    QUIET.with(|q| q.set(false));
    outcome.unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(ToString::to_string))
            .unwrap_or_default();
        let at = PANIC_AT.with(|p| p.borrow_mut().take()).unwrap_or_default();
        Err(Failure::new(format!("panicked at {at}"), message))
    })
}

/// Shrinks an input that fails with `kind`, a range of characters at a time, while it keeps
/// failing the same way.
fn shrink(linter: &mut Linter, text: &str, failure: &Failure) -> (String, String) {
    let mut chars: Vec<char> = text.chars().collect();
    let mut detail = failure.detail.clone();
    let mut chunk = chars.len().div_ceil(2).max(1);
    loop {
        let mut i = 0;
        while i < chars.len() {
            let mut candidate = chars.clone();
            candidate.drain(i..(i + chunk).min(chars.len()));
            let s: String = candidate.iter().collect();
            match run_one(linter, &s) {
                Err(f) if f.kind == failure.kind => {
                    chars = candidate;
                    detail = f.detail;
                }
                _ => i += chunk,
            }
        }
        if chunk == 1 {
            break;
        }
        chunk = chunk.div_ceil(2);
    }
    (chars.into_iter().collect(), detail)
}

fn linters() -> Vec<(&'static str, Linter)> {
    [("en", None), ("ja→en", Some("ja"))]
        .into_iter()
        .map(|(name, source)| {
            let options = Options {
                language: Some("en".into()),
                source_language: source.map(str::to_string),
                ..Options::default()
            };
            (name, Linter::new(Catalog::embedded().unwrap(), options))
        })
        .collect()
}

/// Runs every input through both linters; fails listing, for each kind of failure, one input
/// and its shrunk form.
fn check_all(inputs: impl IntoIterator<Item = String>) {
    install_hook();
    let mut linters = linters();
    let mut failures: Vec<String> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut count = 0;
    for text in inputs {
        for (name, linter) in &mut linters {
            let Err(failure) = run_one(linter, &text) else {
                continue;
            };
            count += 1;
            if seen.contains(&failure.kind) {
                continue;
            }
            seen.push(failure.kind.clone());
            let shown = if text.chars().count() > 200 {
                let head: String = text.chars().take(200).collect();
                format!("{} bytes starting {head:?}", text.len())
            } else {
                format!("{text:?}")
            };
            let minimal = if text.len() <= 4096 {
                let (minimal, detail) = shrink(linter, &text, &failure);
                format!("\n    minimal input: {minimal:?} ({detail})")
            } else {
                String::new()
            };
            failures.push(format!(
                "[{name}] {}: {}\n    input: {shown}{minimal}",
                failure.kind, failure.detail
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{count} failing check(s), {} kind(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn generated_texts_never_panic_and_give_valid_spans() {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    check_all((0..CASES).map(|_| generate(&mut rng)));
}

#[test]
fn edge_cases_never_panic_and_give_valid_spans() {
    check_all([
        String::new(),
        " \t\n \r\n\r \n\n\t ".to_string(),
        "\u{feff}".to_string(),
        "\u{feff}\u{feff}".to_string(),
        ".".to_string(),
        "\r".to_string(),
        "\n\r\n\r".to_string(),
        "\u{feff}Kiev".to_string(),
        "\u{a0}".to_string(),
        "\u{a0}a".to_string(),
        "Talks in\u{3000}Kyiv".to_string(),
        "a. ".repeat(10_000),
        // 200 KB on one line without spaces, as one token and as many short tokens.
        "a".repeat(200 * 1024),
        dense_line(4 * 1024),
    ]);
}

/// A line without spaces made of many short tokens and findings.
fn dense_line(chars: usize) -> String {
    "officePresident,Kiev.U.S.東京。word;Ta…\u{feff}é"
        .chars()
        .cycle()
        .take(chars)
        .collect()
}

/// A long line without white space, dense with findings: every stage is linear in it (the
/// chunk scan of `glued-words` is bounded, columns in long lines come from marks in the line
/// index, and this file's own line check uses a table of line ends).
#[test]
fn dense_200_kb_line_never_panics() {
    check_all([dense_line(200 * 1024)]);
}
