//! The JSON renderer: the report as one pretty-printed object (see the README for the contract).

use std::io::{self, Write};

use super::Report;

pub fn render_json(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, report)?;
    writeln!(w)
}
