//! Property tests of the output contract (issue #11), on stable Rust and in `cargo test`: a
//! bounded number of generated inputs, built from fragments that have broken mtlint before
//! (masked multi-byte text, byte-order marks, unclosed comments and tags, directives, tabs and
//! control characters), checked in every input format and rendered in every output format.
//! The fuzz targets in `fuzz/` check the same contract without a bound.

use std::sync::OnceLock;

use mtlint::input::InputFormat;
use mtlint::report::Report;
use mtlint::ruleset::Catalog;
use mtlint::{Linter, Options};
use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "of of",
    "Kiev",
    "`",
    "``",
    "<!--",
    "-->",
    "<a ",
    "<b>",
    ">",
    "</p>",
    "東京",
    "é",
    "\u{feff}",
    "\r\n",
    "\n",
    "\r",
    "\n\n",
    "\t",
    "Mr. ",
    "Smith",
    "Taro Smith",
    "he",
    "she",
    ". ",
    "? ",
    "# mtlint-disable-next-line en/doubled-word\n",
    "<!-- mtlint-disable en/ -->",
    "<!-- mtlint-enable en/doubled-word -->",
    "```\n",
    "    ",
    "- ",
    "&amp;",
    "&",
    "\u{1b}[2J",
    "  ",
    "e-mail",
    "email",
    "The minister said",
    "https://example.com/a",
    "](x)",
    "[link",
    "\u{202e}",
    "\u{0}",
    "🇯🇵",
    "e\u{301}",
];

fn linter() -> &'static Linter {
    static L: OnceLock<Linter> = OnceLock::new();
    L.get_or_init(|| {
        let options = Options {
            language: Some("en".into()),
            ..Options::default()
        };
        Linter::new(Catalog::embedded().expect("embedded rules"), options)
    })
}

fn fragments() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40).prop_map(|v| v.concat())
}

fn holds(text: &str) -> Result<(), TestCaseError> {
    let linter = linter();
    let mut reports = Vec::new();
    for (path, format) in [
        ("p.txt", InputFormat::Text),
        ("p.md", InputFormat::Markdown),
        ("p.html", InputFormat::Html),
    ] {
        let report = linter.check_input(path, text, format);
        mtlint::contract::check_file(&report, text)
            .map_err(|e| TestCaseError::fail(format!("{path}: {e}: {text:?}")))?;
        reports.push(report);
    }
    let report = Report::new(reports);
    mtlint::contract::check_formats(&report, &linter.catalog().rules())
        .map_err(|e| TestCaseError::fail(format!("{e}: {text:?}")))?;
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 20, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn contract_holds_on_fragment_soup(text in fragments()) {
        holds(&text)?;
    }

    #[test]
    fn contract_holds_on_any_string(text in "\\PC{0,200}") {
        holds(&text)?;
    }
}
