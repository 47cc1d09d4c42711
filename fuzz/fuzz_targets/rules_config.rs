#![no_main]
//! Rule files and configurations from untrusted bytes: loading never panics or hangs, and a
//! loaded rule set checks a short text within the contract.

use libfuzzer_sys::fuzz_target;
use mtlint::config::Config;
use mtlint::ruleset::Catalog;
use mtlint::{Linter, Options};

const SAMPLE: &str = "Mr. Rutte said of of it in Kiev.\n\nThe e-mail, `東京`, <b>is</b> here.\n";

/// The embedded rules, loaded once: configurations are validated against their ids.
fn embedded() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| Catalog::embedded().expect("embedded rules"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The user's files alone, so each run is quick; a configuration is read against the
    // embedded rules.
    let mut catalog = Catalog::default();
    // The same bytes as a rule file (with and without a language line) and as a config.
    let as_rules = catalog.add_source("fuzz/r.toml", text).is_ok()
        || catalog
            .add_source("fuzz/s.toml", &format!("language = \"en\"\n{text}"))
            .is_ok();
    let config = Config::parse("fuzz/mtlint.toml", text, embedded());
    let options = Options {
        language: Some("en".into()),
        ..Options::default()
    };
    let mut linter = Linter::new(catalog, options);
    if let Ok(c) = config {
        match linter.with_config(c) {
            Ok(l) => linter = l,
            Err(_) => return,
        }
    } else if !as_rules {
        return;
    }
    for (path, format) in [
        ("a.txt", mtlint::input::InputFormat::Text),
        ("a.md", mtlint::input::InputFormat::Markdown),
        ("a.html", mtlint::input::InputFormat::Html),
    ] {
        let report = linter.check_input(path, SAMPLE, format);
        mtlint_fuzz::assert_report(&linter, report, SAMPLE);
    }
});
