//! The text renderer: rustc/ruff-style code frames, then a summary per file.
//!
//! ```text
//! article.txt:35:81: major en/glued-words: two words are joined without a space
//!    |
//! 35 | … 24 hours after taking officePresident Trump also criticized …
//!    |                         ^^^^^^^^^^^^^^^
//!    = fix: "officePresident" → "office President"
//! ```
//!
//! Long lines are cut to a window around the span. Colour is the caller's choice.

use std::borrow::Cow;
use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::{FileReport, FindingReport, Report};
use crate::document::LineIndex;
use crate::rules::Severity;

/// Characters of context shown on each side of a span in a long line.
const CONTEXT: usize = 40;

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }

    fn severity(&self, s: Severity) -> String {
        let code = match s {
            Severity::Critical => "1;35",
            Severity::Major => "1;31",
            Severity::Minor => "1;33",
        };
        self.paint(code, s.as_str())
    }
}

pub fn render_text(report: &Report, w: &mut dyn Write, color: bool) -> io::Result<()> {
    let style = Style { color };
    for file in &report.files {
        if file.error.is_some() {
            continue; // the caller reports it on standard error
        }
        let lines = LineIndex::new(&file.text);
        for f in &file.findings {
            frame(w, &style, file, &lines, f)?;
        }
        summary(w, &style, file)?;
    }
    if report.files.len() > 1 {
        let s = &report.summary;
        writeln!(
            w,
            "{} files: {} passed, {} failed, {} findings",
            s.files, s.passed, s.failed, s.findings
        )?;
    }
    Ok(())
}

/// `s` safe to print on a terminal: tabs expanded to four spaces (the carets below are counted
/// on the same expansion, so they line up), control characters, line breaks and bidirectional
/// overrides shown escaped (`\u{1b}`), so the input cannot move the cursor, clear the screen or
/// reorder the line.
pub(crate) fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c == '\t' {
            out.push_str("    ");
        } else if needs_escape(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` with invisible characters too shown escaped: the text of a fix, where a deleted
/// zero-width space must be seen.
fn visible(s: &str) -> String {
    s.chars()
        .map(|c| {
            if crate::fix::invisible(c) || needs_escape(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn frame(
    w: &mut dyn Write,
    st: &Style,
    file: &FileReport,
    lines: &LineIndex,
    f: &FindingReport,
) -> io::Result<()> {
    writeln!(
        w,
        "{}:{}:{}: {} {}: {}",
        st.paint("1", &printable(&file.path)),
        f.line,
        f.column,
        st.severity(f.severity),
        st.paint("1", &f.rule),
        printable(&f.message)
    )?;
    let text = &*file.text;
    // The line of the span's start, from the per-file line index: no rescan of long lines.
    let (ls, le) = lines.line_span(text, lines.line_of(f.span.start));
    let span_end = f.span.end.min(le).max(f.span.start);
    // A byte-order mark at the start of the file is not shown.
    let ls = if ls == 0 && text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8().min(f.span.start)
    } else {
        ls
    };
    // Cut a window around the span in long lines (and in long spans).
    let before = &text[ls..f.span.start];
    let marked = &text[f.span.start..span_end];
    let after = &text[span_end..le];
    let head: String = match before.char_indices().rev().nth(CONTEXT - 1) {
        Some((i, _)) if i > 0 => format!("…{}", &before[i..]),
        _ => before.to_string(),
    };
    let marked: String = match marked.char_indices().nth(4 * CONTEXT) {
        Some((i, _)) => format!("{}…", &marked[..i]),
        None => marked.to_string(),
    };
    let tail: String = match after.char_indices().nth(CONTEXT) {
        Some((i, _)) => format!("{}…", &after[..i]),
        None => after.to_string(),
    };
    let (head, marked, tail) = (printable(&head), printable(&marked), printable(&tail));
    let gutter = f.line.to_string().len();
    let pad = " ".repeat(gutter);
    let bar = st.paint("1;34", "|");
    if let Some(source) = &file.source {
        source_line(w, st, &pad, source, f)?;
    }
    writeln!(w, "{pad} {bar}")?;
    writeln!(
        w,
        "{} {bar} {head}{marked}{tail}",
        st.paint("1;34", &f.line.to_string())
    )?;
    let carets = "^".repeat(marked.width().max(1));
    let more = if f.span.end > le {
        " (continues on the following lines)"
    } else {
        ""
    };
    writeln!(
        w,
        "{pad} {bar} {}{}{more}",
        " ".repeat(head.width()),
        st.paint("1;31", &carets)
    )?;
    if let Some(c) = &f.canonical {
        writeln!(
            w,
            "{pad} {} established: \"{}\" at line {}",
            st.paint("1;34", "="),
            printable(&c.text),
            c.line
        )?;
    }
    for r in &f.related {
        writeln!(
            w,
            "{pad} {} also: {} {}: {}",
            st.paint("1;34", "="),
            r.severity,
            r.rule,
            printable(&r.message)
        )?;
    }
    if let Some(fix) = &f.fix {
        let edits: Vec<String> = fix
            .edits
            .iter()
            .map(|e| {
                let old = text.get(e.span.start..e.span.end).unwrap_or_default();
                if e.replacement.is_empty() {
                    format!("delete \"{}\"", visible(old))
                } else {
                    format!("\"{}\" → \"{}\"", visible(old), visible(&e.replacement))
                }
            })
            .collect();
        writeln!(
            w,
            "{pad} {} fix: {}",
            st.paint("1;34", "="),
            edits.join(", ")
        )?;
    }
    if let Some(h) = &f.help {
        writeln!(w, "{pad} {} help: {}", st.paint("1;34", "="), printable(h))?;
    }
    writeln!(w)
}

/// The source of a bilingual segment, above the target's frame: the line holding the finding's
/// source span (marked), or the first line.
fn source_line(
    w: &mut dyn Write,
    st: &Style,
    pad: &str,
    source: &str,
    f: &FindingReport,
) -> io::Result<()> {
    let span = f
        .source_span
        .filter(|s| {
            s.end <= source.len()
                && source.is_char_boundary(s.start)
                && source.is_char_boundary(s.end)
        })
        .unwrap_or_default();
    let (ls, le) = line_bounds(source, span.start);
    let end = span.end.min(le).max(span.start);
    let before = &source[ls..span.start];
    let marked = &source[span.start..end];
    let after = &source[end..le];
    let head: String = match before.char_indices().rev().nth(CONTEXT - 1) {
        Some((i, _)) if i > 0 => format!("…{}", &before[i..]),
        _ => before.to_string(),
    };
    let tail: String = match after.char_indices().nth(CONTEXT) {
        Some((i, _)) => format!("{}…", &after[..i]),
        None => after.to_string(),
    };
    writeln!(
        w,
        "{pad} {} source: {head}{}{tail}",
        st.paint("1;34", "="),
        st.paint("1;32", marked)
    )
}

fn summary(w: &mut dyn Write, st: &Style, file: &FileReport) -> io::Result<()> {
    let counts: Vec<String> = [Severity::Critical, Severity::Major, Severity::Minor]
        .into_iter()
        .map(|s| format!("{} {s}", file.count(s)))
        .collect();
    let verdict = if file.passed {
        st.paint("1;32", "PASS")
    } else {
        st.paint("1;31", "FAIL")
    };
    let target = match (&file.language, file.language_confidence) {
        (Some(t), Some(c)) => format!("{t} (detected, confidence {c:.2})"),
        (Some(t), None) => t.clone(),
        (None, _) => "language undecided".to_string(),
    };
    let mut lang = match &file.source_language {
        Some(s) => format!("{s}→{target}"),
        None => target,
    };
    if let Some(n) = &file.not_run {
        // "language undecided" already says why.
        let reason = match &file.language {
            Some(_) => format!("{}: ", n.reason),
            None => String::new(),
        };
        lang.push_str(&format!(
            " ({reason}only the rules for every language ran; not run: {})",
            n.rules.join(", ")
        ));
    }
    let hidden = if file.baselined > 0 {
        format!(", {} hidden by the baseline", file.baselined)
    } else {
        String::new()
    };
    let why = if file.gate.reasons.is_empty() {
        String::new()
    } else {
        format!(" ({})", file.gate.reasons.join("; "))
    };
    writeln!(
        w,
        "{}: {lang}, {} words, {} findings ({}){hidden}, penalty {} ({} per 1,000 words), score {:.1}: {verdict}{why}",
        st.paint("1", &printable(&file.path)),
        file.words,
        file.findings.len(),
        counts.join(", "),
        file.penalty,
        file.penalty_per_1k_words,
        file.score,
    )
}

/// The bounds of the line of `text` that holds byte `at`: for the short source text of one
/// segment, so a scan is cheap.
fn line_bounds(text: &str, at: usize) -> (usize, usize) {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    (start, end)
}
