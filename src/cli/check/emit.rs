//! Writing a run's reports as they come, in input order, so that a report is dropped once it
//! is written. Formats that are one stream of items (text, JSON Lines, GitHub annotations) and
//! the JSON object (its `files` array between a header and the summary) are written file by
//! file; the others keep only what they need to the end: SARIF the results (not the texts),
//! JUnit the reports without their texts, HTML (which quotes every text) the reports.
//!
//! The output is byte for byte that of the whole-run renderers; the tests below hold it so.

use std::io::{self, Write};
use std::sync::Arc;

use mtlint::report::{
    FileReport, Report, render_github, render_html, render_jsonl_file, render_junit,
    render_sarif_results, render_text, sarif_results,
};
use mtlint::rules::Rule;

use super::args::Format;

/// Totals of the reports written so far, for the summaries.
#[derive(Default)]
pub(super) struct Totals {
    pub(super) files: usize,
    pub(super) findings: usize,
    pub(super) passed: usize,
    pub(super) failed: usize,
    pub(super) errors: usize,
    pub(super) baselined: usize,
}

impl Totals {
    fn add(&mut self, r: &FileReport) {
        self.files += 1;
        self.findings += r.findings.len();
        self.baselined += r.baselined;
        if r.passed {
            self.passed += 1;
        } else {
            self.failed += 1;
        }
        if r.error.is_some() {
            self.errors += 1;
        }
    }
}

enum Kept {
    /// Nothing: every report is written as it comes.
    Nothing,
    Reports(Vec<FileReport>),
    Sarif(Vec<serde_sarif::sarif::Result>),
}

pub(super) struct Emitter {
    format: Format,
    color: bool,
    kept: Kept,
    pub(super) totals: Totals,
}

/// The JSON object of a report with no files, split around its empty `files` array.
fn json_frame(summary: Option<&Totals>) -> (String, String) {
    let mut r = Report::new(Vec::new());
    if let Some(t) = summary {
        r.summary.files = t.files;
        r.summary.findings = t.findings;
        r.summary.passed = t.passed;
        r.summary.failed = t.failed;
        r.summary.baselined = t.baselined;
    }
    let s = serde_json::to_string_pretty(&r).unwrap_or_default();
    let at = s.find("\"files\": []").unwrap_or(s.len());
    let (head, tail) = s.split_at(at);
    let tail = tail.strip_prefix("\"files\": []").unwrap_or(tail);
    (format!("{head}\"files\": ["), format!("{tail}\n"))
}

impl Emitter {
    pub(super) fn new(format: Format, color: bool) -> Self {
        let kept = match format {
            Format::Sarif => Kept::Sarif(Vec::new()),
            Format::Junit | Format::Html => Kept::Reports(Vec::new()),
            _ => Kept::Nothing,
        };
        Self {
            format,
            color,
            kept,
            totals: Totals::default(),
        }
    }

    /// Writes what comes before the first report.
    pub(super) fn begin(&mut self, w: &mut dyn Write) -> io::Result<()> {
        if self.format == Format::Json {
            w.write_all(json_frame(None).0.as_bytes())?;
        }
        Ok(())
    }

    /// Writes (or keeps what is needed of) the next report, in input order.
    pub(super) fn file(&mut self, report: FileReport, w: &mut dyn Write) -> io::Result<()> {
        let first = self.totals.files == 0;
        self.totals.add(&report);
        match (&mut self.kept, self.format) {
            (Kept::Sarif(results), _) => results.extend(sarif_results(&report)),
            (Kept::Reports(kept), Format::Junit) => {
                let mut report = report;
                report.text = Arc::from("");
                report.source = None;
                kept.push(report);
            }
            (Kept::Reports(kept), _) => kept.push(report),
            (Kept::Nothing, Format::Json) => {
                let item = serde_json::to_string_pretty(&report).map_err(io::Error::other)?;
                w.write_all(if first { b"\n    " } else { b",\n    " })?;
                // Pretty JSON has line breaks only between tokens: each line gains the
                // indentation of an item of `files`.
                w.write_all(item.replace('\n', "\n    ").as_bytes())?;
            }
            (Kept::Nothing, Format::Jsonl) => render_jsonl_file(&report, w)?,
            (Kept::Nothing, Format::Github) => render_github(&Report::new(vec![report]), w)?,
            (Kept::Nothing, _) => render_text(&Report::new(vec![report]), w, self.color)?,
        }
        Ok(())
    }

    /// Counts a report that cannot be written (the output is closed).
    pub(super) fn totals_only(&mut self, report: &FileReport) {
        self.totals.add(report);
    }

    /// Writes what comes after the last report.
    pub(super) fn finish(self, rules: &[Arc<Rule>], w: &mut dyn Write) -> io::Result<()> {
        let t = &self.totals;
        match (self.kept, self.format) {
            (Kept::Sarif(results), _) => render_sarif_results(results, rules, w),
            (Kept::Reports(kept), Format::Junit) => render_junit(&Report::new(kept), w),
            (Kept::Reports(kept), _) => render_html(&Report::new(kept), w),
            (Kept::Nothing, Format::Json) => {
                if t.files > 0 {
                    w.write_all(b"\n  ]")?;
                } else {
                    w.write_all(b"]")?;
                }
                w.write_all(json_frame(Some(t)).1.as_bytes())
            }
            (Kept::Nothing, Format::Text) if t.files > 1 => writeln!(
                w,
                "{} files: {} passed, {} failed, {} findings",
                t.files, t.passed, t.failed, t.findings
            ),
            (Kept::Nothing, _) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mtlint::report::{render_json, render_sarif};
    use mtlint::ruleset::Catalog;
    use mtlint::{Linter, Options};

    fn reports(linter: &Linter) -> Vec<FileReport> {
        let texts = [
            (
                "a.txt",
                "The minister said that that the plan would start in May.\n",
            ),
            (
                "b.md",
                "# Title\n\nThe port said it will raise fees.\tTabs \u{1b}[2J stay escaped.\n",
            ),
            (
                "c.txt",
                "Prices rose. the company said said it was fine\n\nOK.\n",
            ),
            ("d.txt", ""),
        ];
        let mut out: Vec<FileReport> = texts
            .iter()
            .map(|(p, t)| linter.check_input(p, t, mtlint::input::InputFormat::from_path(p)))
            .collect();
        out.push(FileReport::failed("e.txt", "e.txt: no such file".into()));
        out
    }

    fn streamed(format: Format, files: Vec<FileReport>, rules: &[Arc<Rule>]) -> Vec<u8> {
        let mut w = Vec::new();
        let mut e = Emitter::new(format, false);
        e.begin(&mut w).unwrap();
        for f in files {
            e.file(f, &mut w).unwrap();
        }
        e.finish(rules, &mut w).unwrap();
        w
    }

    fn whole(format: Format, files: Vec<FileReport>, rules: &[Arc<Rule>]) -> Vec<u8> {
        let mut w = Vec::new();
        let report = Report::new(files);
        match format {
            Format::Text => render_text(&report, &mut w, false),
            Format::Json => render_json(&report, &mut w),
            Format::Jsonl => report
                .files
                .iter()
                .try_for_each(|f| render_jsonl_file(f, &mut w)),
            Format::Sarif => render_sarif(&report, rules, &mut w),
            Format::Github => render_github(&report, &mut w),
            Format::Junit => render_junit(&report, &mut w),
            Format::Html => render_html(&report, &mut w),
        }
        .unwrap();
        w
    }

    #[test]
    fn streamed_output_is_the_whole_run_renderers_output() {
        let linter = Linter::new(
            Catalog::embedded().unwrap(),
            Options {
                language: Some("en".into()),
                ..Options::default()
            },
        );
        let rules = linter.catalog().rules();
        for format in [
            Format::Text,
            Format::Json,
            Format::Jsonl,
            Format::Sarif,
            Format::Github,
            Format::Junit,
            Format::Html,
        ] {
            for n in [0, 1, 2, 5] {
                let files = || reports(&linter).into_iter().take(n).collect::<Vec<_>>();
                let a = String::from_utf8(streamed(format, files(), &rules)).unwrap();
                let b = String::from_utf8(whole(format, files(), &rules)).unwrap();
                assert_eq!(a, b, "{format:?} with {n} files");
            }
        }
    }
}
