#![no_main]
//! JSON Lines records: each line that is a record `{"id", "text", "lang"?, "source_lang"?}`
//! is checked as the command line checks it; the contract holds for each.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let linter = mtlint_fuzz::linter(0);
    for line in text.lines() {
        let Ok(serde_json::Value::Object(rec)) = serde_json::from_str::<serde_json::Value>(line)
        else {
            continue;
        };
        let Some(body) = rec.get("text").and_then(|t| t.as_str()) else {
            continue;
        };
        let id = rec.get("id").map_or_else(String::new, |v| v.to_string());
        // Only languages the command line accepts reach the engine.
        let lang = rec
            .get("lang")
            .and_then(|l| l.as_str())
            .filter(|l| linter.catalog().has_language(l));
        let report = linter.check_record("fuzz.jsonl", &id, body, lang, None);
        mtlint_fuzz::assert_report(linter, report, body);
    }
});
