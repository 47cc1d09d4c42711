//! Markdown and HTML precision (issue #12): masked code, tags and URLs never show in a
//! finding's span or message, spans never start or end with markup characters, and a caption
//! the markup labels (a `<figcaption>`, a Markdown image title, an emphasised line under an
//! image) is not body text, while a credit pasted as a body paragraph is still found.

use mtlint::input::InputFormat;
use mtlint::report::{FileReport, FindingReport};
use mtlint::ruleset::Catalog;
use mtlint::{Linter, Options};

fn check(name: &str) -> FileReport {
    let path = format!("tests/fixtures/markup/{name}");
    let text = std::fs::read_to_string(&path).unwrap();
    let options = Options {
        language: Some("en".into()),
        ..Options::default()
    };
    Linter::new(Catalog::embedded().unwrap(), options).check_input(
        &path,
        &text,
        InputFormat::from_path(&path),
    )
}

fn of<'a>(report: &'a FileReport, rule: &str) -> Vec<&'a FindingReport> {
    report
        .findings
        .iter()
        .filter(|f| &*f.rule == rule)
        .collect()
}

/// No finding quotes blanks where masked text was, or any code, tag or URL, and no span
/// starts or ends with markup.
fn assert_visible(report: &FileReport) {
    for f in &report.findings {
        for bad in [
            "  ",
            "`",
            "<",
            ">",
            "timetable",
            "https",
            "example.org",
            "&amp;",
        ] {
            assert!(
                !f.message.contains(bad) && !f.text.contains(bad),
                "{bad:?} in {}: {:?} / {:?}",
                f.rule,
                f.message,
                f.text
            );
        }
        for edge in [f.text.chars().next(), f.text.chars().next_back()] {
            assert!(
                !matches!(edge, Some('*' | '_' | '`' | '#' | '>' | '<' | '[' | ']')),
                "markup at the edge of {}: {:?}",
                f.rule,
                f.text
            );
        }
    }
}

#[test]
fn markdown_code_urls_and_emphasis_stay_out_of_findings() {
    let r = check("code-and-emphasis.md");
    assert_visible(&r);
    // The three spaces before commas are found, each as " ," (after plain text, after inline
    // code and after a URL), and each can be fixed.
    let spaces = of(&r, "en/space-before-punctuation");
    assert_eq!(spaces.len(), 3, "{:#?}", r.findings);
    for f in &spaces {
        assert_eq!(f.text, " ,");
        assert_eq!(f.message, "a space before \" ,\"");
        assert!(f.fix.is_some(), "{f:?}");
    }
    // The doubled word inside emphasis and the credit in an emphasised body paragraph are
    // found without the `*` around them.
    let doubled = of(&r, "en/doubled-word");
    assert_eq!(doubled.len(), 1);
    assert_eq!(doubled[0].text, "three three");
    let credit = of(&r, "en/photo-credit");
    assert_eq!(credit.len(), 1, "{:#?}", r.findings);
    assert!(
        credit[0].text.ends_with("Coast Daily"),
        "{:?}",
        credit[0].text
    );
    assert!(
        credit[0].message.ends_with("Coast Daily\""),
        "{}",
        credit[0].message
    );
}

#[test]
fn html_code_tags_and_entities_stay_out_of_findings() {
    let r = check("code-and-tags.html");
    assert_visible(&r);
    let spaces = of(&r, "en/space-before-punctuation");
    assert_eq!(spaces.len(), 2, "{:#?}", r.findings);
    for f in &spaces {
        assert_eq!(f.text, " ,");
    }
    // The figcaption's credit is where credits belong.
    assert!(of(&r, "en/photo-credit").is_empty(), "{:#?}", r.findings);
}

#[test]
fn captions_the_markup_labels_are_not_body_text_but_a_pasted_credit_is() {
    let r = check("captions.md");
    assert_visible(&r);
    let credits = of(&r, "en/photo-credit");
    // The image title and the emphasised lines under the two images are captions; the plain
    // paragraph near the end is a credit pasted into the body.
    assert_eq!(credits.len(), 1, "{:#?}", r.findings);
    assert_eq!(credits[0].line, 16);
    assert_eq!(credits[0].text, "Photo: Ines Calder / Valley Times");
    assert_eq!(r.findings.len(), 1, "{:#?}", r.findings);
}

#[test]
fn an_emphasised_line_is_a_caption_only_under_an_image() {
    let text = "The ferry carried three hundred passengers on its first trip back on Monday.\n\n\
                *The ferry at the dock. Photo: Ines Calder/Coast Daily*\n\n\
                Passengers welcomed the return of the service after three weeks of repairs.\n";
    let linter = Linter::new(
        Catalog::embedded().unwrap(),
        Options {
            language: Some("en".into()),
            ..Options::default()
        },
    );
    let r = linter.check_input("t.md", text, InputFormat::Markdown);
    let credits = of(&r, "en/photo-credit");
    assert_eq!(credits.len(), 1, "{:#?}", r.findings);
    assert_eq!(credits[0].text, "Photo: Ines Calder/Coast Daily");
    // The same paragraph as plain text keeps its asterisk: it is not markup there.
    let r = linter.check_input("t.txt", text, InputFormat::Text);
    assert_eq!(
        of(&r, "en/photo-credit")[0].text,
        "Photo: Ines Calder/Coast Daily*"
    );
}
