//! GitHub Actions workflow commands: one `::error` or `::warning` annotation per finding.
//! Major and critical findings are errors, minor ones warnings.

use std::io::{self, Write};

use super::Report;
use crate::rules::Severity;

/// Escapes a property value (`%`, CR, LF, `:` and `,`) or, with `data`, a message.
fn escape(s: &str, property: bool) -> String {
    let mut out = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    out
}

pub fn render_github(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    for file in &report.files {
        if let Some(err) = &file.error {
            writeln!(
                w,
                "::error file={}::{}",
                escape(&file.path, true),
                escape(err, false)
            )?;
            continue;
        }
        for f in &file.findings {
            let level = if f.severity >= Severity::Major {
                "error"
            } else {
                "warning"
            };
            let mut message = f.message.clone();
            if let Some(s) = &f.suggestion {
                message.push_str(&format!(" (suggestion: {s})"));
            }
            let title = escape(&format!("{} ({})", f.rule, f.severity), true);
            match &file.record {
                // A record's positions are within its text: the annotation goes on the
                // record's line of its JSON Lines file and names the record and the position
                // in it, as SARIF does.
                Some(r) => writeln!(
                    w,
                    "::{level} file={},line={},title={title}::{}",
                    escape(&r.file, true),
                    r.line,
                    escape(
                        &format!(
                            "record {} (line {}, column {} of its text): {message}",
                            file.path, f.line, f.column
                        ),
                        false
                    )
                )?,
                None => writeln!(
                    w,
                    "::{level} file={},line={},col={},endLine={},endColumn={},title={title}::{}",
                    escape(&file.path, true),
                    f.line,
                    f.column,
                    f.end_line,
                    f.end_column,
                    escape(&message, false)
                )?,
            }
        }
        if !file.passed {
            let (at, name) = match &file.record {
                Some(r) => (
                    format!("{},line={}", escape(&r.file, true), r.line),
                    format!("record {} ({} line {})", file.path, r.file, r.line),
                ),
                None => (escape(&file.path, true), file.path.clone()),
            };
            writeln!(
                w,
                "::error file={at},title={}::{} fails its gate: {}",
                escape("mtlint gate", true),
                escape(&name, false),
                escape(&file.gate.reasons.join("; "), false)
            )?;
        }
    }
    Ok(())
}

/// The job summary of a run (GitHub-flavoured Markdown, for `$GITHUB_STEP_SUMMARY`): one row
/// per input with its score, findings, verdict and the reasons it failed.
pub fn render_github_summary(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    let s = &report.summary;
    writeln!(w, "### mtlint")?;
    writeln!(w)?;
    writeln!(
        w,
        "{} files: {} passed, {} failed, {} findings",
        s.files, s.passed, s.failed, s.findings
    )?;
    writeln!(w)?;
    writeln!(w, "| File | Score | Findings | Gate | Why |")?;
    writeln!(w, "|---|---:|---:|---|---|")?;
    for file in &report.files {
        let (score, findings) = if file.error.is_some() {
            ("–".to_string(), "–".to_string())
        } else {
            (
                format!("{:.1}", file.score),
                file.findings.len().to_string(),
            )
        };
        let why = match &file.error {
            Some(e) => e.clone(),
            None => file.gate.reasons.join("; "),
        };
        writeln!(
            w,
            "| {} | {score} | {findings} | {} | {} |",
            cell(&file.path),
            if file.passed { "pass" } else { "**fail**" },
            cell(&why)
        )?;
    }
    Ok(())
}

/// Text safe in one Markdown table cell: pipes escaped, line breaks as spaces, markup
/// characters escaped.
fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' | '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
