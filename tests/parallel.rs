//! A large document is checked on several threads (its model built in parallel parts, its
//! rules run side by side); the findings and the rendered report must be byte-identical to a
//! one-thread run.

use std::path::Path;

use mtlint::engine::PARALLEL_BYTES;
use mtlint::report::{Report, render_json, render_text};
use mtlint::ruleset::Catalog;
use mtlint::{Linter, Options};

/// The English fixtures (plain and translated from another language), one after another,
/// in rounds until the text is well past the size that turns parallel checking on.
fn large_document() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| {
            n.ends_with(".txt")
                && (n.ends_with("-en.txt") || n.matches('.').count() == 1)
                && n != "README.md"
        })
        .collect();
    names.sort();
    assert!(names.len() >= 10, "{names:?}");
    let mut text = String::new();
    let mut round = 0;
    while text.len() < 3 * PARALLEL_BYTES {
        round += 1;
        for n in &names {
            text.push_str(&format!("Part {round}: {}\n\n", n.trim_end_matches(".txt")));
            text.push_str(&std::fs::read_to_string(dir.join(n)).unwrap());
            text.push_str("\n\n");
        }
    }
    text
}

fn rendered(threads: usize, source: Option<&str>, text: &str) -> (Vec<u8>, Vec<u8>) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| {
        let linter = Linter::new(
            Catalog::embedded().unwrap(),
            Options {
                language: Some("en".into()),
                source_language: source.map(str::to_string),
                ..Options::default()
            },
        );
        let report = Report::new(vec![linter.check_text("large.txt", text)]);
        let (mut json, mut plain) = (Vec::new(), Vec::new());
        render_json(&report, &mut json).unwrap();
        render_text(&report, &mut plain, false).unwrap();
        (json, plain)
    })
}

#[test]
fn large_document_gives_the_same_report_on_one_and_on_several_threads() {
    let text = large_document();
    for source in [None, Some("ja")] {
        let one = rendered(1, source, &text);
        let json = String::from_utf8(one.0.clone()).unwrap();
        assert!(json.matches("\"rule\"").count() > 50, "too few findings");
        for threads in [2, 3] {
            let many = rendered(threads, source, &text);
            assert!(
                one.0 == many.0,
                "JSON differs on {threads} threads ({source:?})"
            );
            assert!(
                one.1 == many.1,
                "text differs on {threads} threads ({source:?})"
            );
        }
    }
}
