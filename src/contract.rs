//! The output contract, as a checkable predicate: for the fuzz targets (`fuzz/`) and the
//! property tests. A report of `text` holds when every span lies inside the text on char
//! boundaries, every `text` field equals the bytes of its span, every line and column agree
//! with the span, and every output format renders and parses.

use crate::document::LineIndex;
use crate::report::{
    FileReport, Report, render_github, render_json, render_jsonl_file, render_junit, render_sarif,
    render_text,
};
use crate::rules::Rule;
use std::sync::Arc;

/// Checks one file report against the text it was made from.
pub fn check_file(report: &FileReport, text: &str) -> Result<(), String> {
    let lines = LineIndex::new(text);
    for f in &report.findings {
        let (a, b) = (f.span.start, f.span.end);
        if a > b || b > text.len() {
            return Err(format!("span {a}..{b} outside the text ({})", text.len()));
        }
        if !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            return Err(format!("span {a}..{b} not on char boundaries"));
        }
        if f.text != text[a..b] {
            return Err(format!("text {:?} is not the bytes {a}..{b}", f.text));
        }
        if (f.line, f.column) != lines.line_col(text, a) {
            return Err(format!(
                "start {a} at {}:{}, expected {:?}",
                f.line,
                f.column,
                lines.line_col(text, a)
            ));
        }
        if (f.end_line, f.end_column) != lines.line_col(text, b) {
            return Err(format!(
                "end {b} at {}:{}, expected {:?}",
                f.end_line,
                f.end_column,
                lines.line_col(text, b)
            ));
        }
        if let Some(c) = &f.canonical {
            let s = c.span;
            if s.start > s.end
                || s.end > text.len()
                || !text.is_char_boundary(s.start)
                || !text.is_char_boundary(s.end)
            {
                return Err(format!("canonical span {}..{} is bad", s.start, s.end));
            }
            if (c.line, c.column) != lines.line_col(text, s.start) {
                return Err(format!("canonical at {}:{} is misplaced", c.line, c.column));
            }
        }
    }
    if !report.score.is_finite() || !(0.0..=100.0).contains(&report.score) {
        return Err(format!("score {} out of range", report.score));
    }
    Ok(())
}

/// Renders `report` in every format: JSON, JSON Lines and SARIF must parse as JSON; JUnit must
/// be well-formed enough to balance its elements; text and GitHub must render.
pub fn check_formats(report: &Report, rules: &[Arc<Rule>]) -> Result<(), String> {
    let render = |f: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        f(&mut out).map_err(|e| e.to_string())?;
        Ok(out)
    };
    let json = render(&|w| render_json(report, w))?;
    serde_json::from_slice::<serde_json::Value>(&json).map_err(|e| format!("json: {e}"))?;
    for file in &report.files {
        let line = render(&|w| render_jsonl_file(file, w))?;
        serde_json::from_slice::<serde_json::Value>(&line).map_err(|e| format!("jsonl: {e}"))?;
        if line.iter().filter(|&&b| b == b'\n').count() != 1 {
            return Err("a JSON Lines record is not one line".into());
        }
    }
    let sarif = render(&|w| render_sarif(report, rules, w))?;
    serde_json::from_slice::<serde_json::Value>(&sarif).map_err(|e| format!("sarif: {e}"))?;
    let junit = String::from_utf8(render(&|w| render_junit(report, w))?)
        .map_err(|e| format!("junit: {e}"))?;
    if junit.matches("<testcase ").count() != report.files.len()
        || junit.chars().any(|c| {
            (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) && (c as u32) < 0x20
                || matches!(c, '\u{FFFE}' | '\u{FFFF}')
        })
    {
        return Err("junit: not one test case per file, or a character XML cannot hold".into());
    }
    let github = String::from_utf8(render(&|w| render_github(report, w))?)
        .map_err(|e| format!("github: {e}"))?;
    if github.lines().any(|l| !l.starts_with("::")) {
        return Err(format!(
            "github: a line is not a workflow command: {github:?}"
        ));
    }
    let text = String::from_utf8(render(&|w| render_text(report, w, false))?)
        .map_err(|e| format!("text: {e}"))?;
    if text.chars().any(|c| c.is_control() && c != '\n') {
        return Err("text output holds a control character".into());
    }
    Ok(())
}
