//! Bilingual input: JSON Lines records with `source` and `doc`, PO, XLIFF 1.2 and 2.0, TMX. Snapshot reports
//! of the fixtures in tests/fixtures/bitext/ (invented texts with planted defects and clean
//! segments), and the errors of malformed input.

mod common;
use common::{assert_error, mtlint, settings, write};

use std::process::Output;

/// Writes `content` to `name` in a fresh folder and checks it as English.
fn check_file(name: &str, content: &str) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, name, content);
    mtlint(&["check", "--lang", "en", &path])
}

const FIXTURES: &[(&str, &str)] = &[
    ("tests/fixtures/bitext/ferry.zh-en.jsonl", "zh"),
    ("tests/fixtures/bitext/clinic.es-en.jsonl", "es"),
    ("tests/fixtures/bitext/app.de-en.po", "de"),
    ("tests/fixtures/bitext/guide.de-en.xlf", "de"),
    ("tests/fixtures/bitext/notice.fr-en.xlf", "fr"),
    ("tests/fixtures/bitext/phrases.es-en.tmx", "es"),
];

#[test]
fn bilingual_reports() {
    settings().bind(|| {
        for (path, source) in FIXTURES {
            let name = path.rsplit('/').next().unwrap();
            let args = ["check", "--lang", "en", "--source-lang", source, path];
            let text = mtlint(&[&args[..], &["--format", "text"]].concat());
            insta::assert_snapshot!(
                format!("bitext-text@{name}"),
                String::from_utf8(text.stdout).unwrap()
            );
            let json = mtlint(&[&args[..], &["--format", "json"]].concat());
            insta::assert_snapshot!(
                format!("bitext-json@{name}"),
                String::from_utf8(json.stdout).unwrap()
            );
        }
    });
}

fn findings(out: &Output) -> Vec<(String, String, serde_json::Value)> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| {
            f["findings"].as_array().unwrap().iter().map(|x| {
                (
                    f["path"].as_str().unwrap().to_string(),
                    x["rule"].as_str().unwrap().to_string(),
                    x.clone(),
                )
            })
        })
        .collect()
}

#[test]
fn records_report_under_their_ids_with_source_spans() {
    let out = mtlint(&[
        "check",
        "--format",
        "json",
        "--lang",
        "en",
        "--source-lang",
        "zh",
        "tests/fixtures/bitext/ferry.zh-en.jsonl",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 9, "one entry per record: {paths:?}");
    assert_eq!(paths[0], "ferry-1");
    let found = findings(&out);
    // The changed year: a span on the target's number, a source span on the source's.
    let year = found
        .iter()
        .find(|(p, r, _)| p == "ferry-2" && r == "en/source-numbers")
        .expect("changed year found");
    assert_eq!(year.2["text"], "2026");
    assert_eq!(year.2["segment"], "ferry-2");
    let src = "市交通局周一表示，停运两年的港口渡轮将于2025年3月恢复运营。";
    let s = &year.2["source_span"];
    let (a, b) = (
        s["start"].as_u64().unwrap() as usize,
        s["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&src[a..b], "2025");
    // Clean segments stay clean.
    for clean in ["ferry-1", "ferry-3", "ferry-6", "ferry-9"] {
        assert!(
            !found.iter().any(|(p, _, _)| p == clean),
            "{clean} should be clean: {found:?}"
        );
    }
}

#[test]
fn target_only_records_are_unchanged() {
    // Records without `source` or `doc` are checked one by one, as before: no segment field.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("r.jsonl");
    std::fs::write(
        &p,
        "{\"id\": \"a\", \"text\": \"The the council met on Monday.\"}\n",
    )
    .unwrap();
    let out = mtlint(&[
        "check",
        "--format",
        "json",
        "--lang",
        "en",
        p.to_str().unwrap(),
    ]);
    let found = findings(&out);
    assert!(!found.is_empty());
    assert!(found.iter().all(|(_, _, f)| f.get("segment").is_none()));
}

#[test]
fn broken_po_plural_is_an_error_and_other_files_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.po");
    std::fs::write(
        &bad,
        "msgid \"Eine Datei\"\nmsgid_plural \"%d Dateien\"\nmsgstr[0] \"One file\"\nmsgstr[2] \"%d files\"\n",
    )
    .unwrap();
    let out = mtlint(&[
        "check",
        "--format",
        "json",
        "--lang",
        "en",
        "--source-lang",
        "de",
        bad.to_str().unwrap(),
        "tests/fixtures/bitext/app.de-en.po",
    ]);
    assert_error(
        &out,
        "bad.po:4:1: broken plural: `msgstr[2]` where msgstr[1] was expected",
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    assert!(files.iter().any(|f| f["error"].is_string()));
    assert!(files.iter().any(|f| {
        f["path"]
            .as_str()
            .unwrap()
            .starts_with("tests/fixtures/bitext/app.de-en.po:")
    }));
}

#[test]
fn po_entry_without_msgstr_is_an_error() {
    let out = check_file(
        "nostr.po",
        "msgid \"Hallo\"\n\nmsgid \"Tschüss\"\nmsgstr \"Bye\"\n",
    );
    assert_error(&out, "nostr.po:1:1: an entry without msgstr");
}

#[test]
fn po_bad_string_names_line_and_column() {
    let out = check_file("quote.po", "msgid \"Hallo\"\nmsgstr Hello\n");
    assert_error(&out, "quote.po:2:8: expected a string in double quotes");
}

#[test]
fn malformed_xml_names_line_and_column_and_other_files_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.xlf");
    std::fs::write(
        &bad,
        "<xliff version=\"1.2\">\n<file source-language=\"de\" target-language=\"en\"><body>\n<trans-unit id=\"1\"><source>Hallo</target></trans-unit>\n</body></file></xliff>\n",
    )
    .unwrap();
    let out = mtlint(&[
        "check",
        "--format",
        "json",
        "--lang",
        "en",
        bad.to_str().unwrap(),
        "tests/fixtures/bitext/guide.de-en.xlf",
    ]);
    assert_error(&out, "bad.xlf:3:");
    assert_error(&out, "malformed XML");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    assert!(files.iter().any(|f| f["error"].is_string()));
    assert!(
        files
            .iter()
            .filter(|f| f["path"].as_str().unwrap().contains("guide.de-en.xlf:"))
            .count()
            == 5
    );
}

#[test]
fn unit_without_target_is_an_error() {
    let out = check_file(
        "notarget.xlf",
        "<xliff version=\"1.2\">\n<file source-language=\"de\" target-language=\"en\"><body>\n<trans-unit id=\"a\">\n<source>Hallo</source>\n</trans-unit>\n</body></file></xliff>\n",
    );
    assert_error(&out, "notarget.xlf:3:1: unit `a` has no target");
}

#[test]
fn tmx_unit_without_target_is_an_error() {
    let out = check_file(
        "one.tmx",
        "<tmx version=\"1.4\"><header srclang=\"de\"/><body>\n<tu tuid=\"7\"><tuv xml:lang=\"de\"><seg>Hallo</seg></tuv></tu>\n</body></tmx>\n",
    );
    assert_error(&out, "one.tmx:2:1: translation unit `7` has no target");
}

#[test]
fn plain_pair_report() {
    settings().bind(|| {
        for format in ["text", "json"] {
            let out = mtlint(&[
                "check",
                "--lang",
                "en",
                "--source-lang",
                "de",
                "--format",
                format,
                "--source",
                "tests/fixtures/bitext/bakery.source.de.txt",
                "tests/fixtures/bitext/bakery.en.txt",
            ]);
            assert_eq!(out.status.code(), Some(1));
            insta::assert_snapshot!(
                format!("bitext-{format}@bakery.en.txt"),
                String::from_utf8(out.stdout).unwrap()
            );
        }
    });
}

#[test]
fn a_source_that_is_not_a_translation_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src.de.txt");
    std::fs::write(
        &src,
        "Am 3. Mai trafen sich 40 Vertreter der OECD in Genf.\n\nDie EU sagte 2 Milliarden Euro zu, die NATO 500 Millionen.\n",
    )
    .unwrap();
    let out = mtlint(&[
        "check",
        "--lang",
        "en",
        "--source",
        src.to_str().unwrap(),
        "tests/fixtures/bitext/bakery.en.txt",
    ]);
    assert_error(
        &out,
        "tests/fixtures/bitext/bakery.en.txt:1:1: does not look like a translation of",
    );
}

#[test]
fn source_needs_one_target_file() {
    let out = mtlint(&[
        "check",
        "--source",
        "tests/fixtures/bitext/bakery.source.de.txt",
        "tests/fixtures/bitext/bakery.en.txt",
        "tests/fixtures/bitext/ferry.zh-en.jsonl",
    ]);
    assert_error(&out, "--source needs exactly one target file");
}

#[test]
fn glossary_csv_and_tbx() {
    let dir = tempfile::tempdir().unwrap();
    let records = dir.path().join("r.jsonl");
    std::fs::write(
        &records,
        concat!(
            "{\"id\": \"a\", \"doc\": \"d\", \"source\": \"Die neue Straßenbahn fährt ab Mai.\", \"text\": \"The new trolley runs from May.\"}\n",
            "{\"id\": \"b\", \"doc\": \"d\", \"source\": \"Die Straßenbahn ist pünktlich.\", \"text\": \"The tram is on time.\"}\n",
            "{\"id\": \"c\", \"doc\": \"d\", \"source\": \"Jede Straßenbahn hat Wlan.\", \"text\": \"Every vehicle has Wi-Fi.\"}\n",
        ),
    )
    .unwrap();
    let csv = dir.path().join("g.csv");
    std::fs::write(
        &csv,
        "source,target,forbidden\nStraßenbahn,tram|streetcar,trolley\n",
    )
    .unwrap();
    let tbx = dir.path().join("g.tbx");
    std::fs::write(
        &tbx,
        r#"<martif><text><body><termEntry id="t1">
<langSet xml:lang="de"><tig><term>Straßenbahn</term></tig></langSet>
<langSet xml:lang="en"><tig><term>tram</term></tig><tig><term>trolley</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
</termEntry></body></text></martif>"#,
    )
    .unwrap();
    for g in [&csv, &tbx] {
        let out = mtlint(&[
            "check",
            "--format",
            "json",
            "--lang",
            "en",
            "--source-lang",
            "de",
            "--glossary",
            g.to_str().unwrap(),
            records.to_str().unwrap(),
        ]);
        let found: Vec<(String, String)> = findings(&out)
            .into_iter()
            .filter(|(_, r, _)| r == "en/source-glossary")
            .map(|(p, _, f)| (p, f["text"].as_str().unwrap().to_string()))
            .collect();
        assert_eq!(
            found,
            vec![
                ("a".to_string(), "trolley".to_string()),
                ("c".to_string(), String::new())
            ],
            "{}",
            g.display()
        );
    }
}

#[test]
fn a_repetition_the_source_makes_is_not_reported() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("r.jsonl");
    let sentence =
        "The committee approved the new budget for the regional hospital network on Monday.";
    let rec = |id: &str, source: &str| {
        format!(
            "{{\"id\": \"{id}\", \"doc\": \"d\", \"source\": \"{source}\", \"text\": \"{sentence}\"}}\n"
        )
    };
    let faithful = [
        rec("a", "Der Ausschuss billigte am Montag den neuen Haushalt."),
        rec("b", "Der Ausschuss billigte am Montag den neuen Haushalt."),
    ]
    .concat();
    let repeated = [
        rec("a", "Der Ausschuss billigte am Montag den neuen Haushalt."),
        rec("b", "Die Kliniken des Landes erhalten mehr Geld."),
    ]
    .concat();
    let count = |text: &str| {
        std::fs::write(&p, text).unwrap();
        let out = mtlint(&[
            "check",
            "--format",
            "json",
            "--lang",
            "en",
            p.to_str().unwrap(),
        ]);
        findings(&out)
            .into_iter()
            .filter(|(_, r, _)| r == "common/repeated-sentence")
            .count()
    };
    assert_eq!(count(&faithful), 0);
    assert_eq!(count(&repeated), 1);
}
