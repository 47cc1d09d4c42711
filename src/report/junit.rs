//! JUnit XML: one test case per file, failed when the file fails its gate, with the findings in
//! the failure text; a file that could not be read is an error.

use std::io::{self, Write};

use super::{FileReport, Report};

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Why the file failed, with its score: "fails its gate: score 91.2 < min-score 95 (score 91.2,
/// 3 findings)".
fn failure_message(file: &FileReport) -> String {
    format!(
        "fails its gate: {} (score {:.1}, {} findings)",
        file.gate.reasons.join("; "),
        file.score,
        file.findings.len()
    )
}

pub fn render_junit(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    let errors = report.files.iter().filter(|f| f.error.is_some()).count();
    let failures = report.summary.failed - errors;
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<testsuites name="mtlint" tests="{}" failures="{failures}" errors="{errors}">"#,
        report.files.len()
    )?;
    writeln!(
        w,
        r#"  <testsuite name="mtlint" tests="{}" failures="{failures}" errors="{errors}">"#,
        report.files.len()
    )?;
    for file in &report.files {
        let name = xml(&file.path);
        write!(w, r#"    <testcase classname="mtlint" name="{name}""#)?;
        if let Some(err) = &file.error {
            writeln!(w, ">")?;
            writeln!(w, r#"      <error message="{}"/>"#, xml(err))?;
            writeln!(w, "    </testcase>")?;
        } else if !file.passed {
            writeln!(w, ">")?;
            writeln!(
                w,
                r#"      <failure message="{}" type="gate">"#,
                xml(&failure_message(file))
            )?;
            for f in &file.findings {
                writeln!(
                    w,
                    "{}:{}:{}: {} {}: {}",
                    name,
                    f.line,
                    f.column,
                    f.severity,
                    xml(&f.rule),
                    xml(&f.message)
                )?;
            }
            writeln!(w, "      </failure>")?;
            writeln!(w, "    </testcase>")?;
        } else {
            writeln!(w, "/>")?;
        }
    }
    writeln!(w, "  </testsuite>")?;
    writeln!(w, "</testsuites>")
}
