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
            writeln!(
                w,
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape(&file.path, true),
                f.line,
                f.column,
                f.end_line,
                f.end_column,
                escape(&format!("{} ({})", f.rule, f.severity), true),
                escape(&message, false)
            )?;
        }
    }
    Ok(())
}
