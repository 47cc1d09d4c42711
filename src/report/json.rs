//! JSON renderers: the whole report as one object (the contract in the README), and JSON
//! Lines, one file report per line, written as each file finishes.

use std::io::{self, Write};

use super::{FileReport, Report};

pub fn render_json(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, report)?;
    writeln!(w)
}

/// One file report as a single line of JSON.
pub fn render_jsonl_file(file: &FileReport, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer(&mut *w, file)?;
    writeln!(w)
}
