//! The JSON Schema of the report that `--format json` prints (and of each line of `jsonl`),
//! generated from the report types so that it cannot drift from them. `mtlint schema` prints it;
//! `schema/report.schema.json` is the committed copy, which a test keeps equal.

use std::io::{self, Write};

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;

use super::Report;

/// A half-open range of UTF-8 byte offsets into the file as read, end-exclusive.
#[derive(JsonSchema)]
#[schemars(rename = "Span")]
#[allow(dead_code)] // only its schema is used: it describes `document::Span`
pub(crate) struct SpanSchema {
    /// The first byte.
    start: usize,
    /// Just past the last byte.
    end: usize,
}

/// The report's JSON Schema (draft 2020-12), for the JSON that mtlint writes (a field that is
/// left out when empty is optional).
pub fn report_schema() -> serde_json::Value {
    let generator = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let mut schema = generator.into_root_schema_for::<Report>();
    schema.insert("title".into(), "mtlint report".into());
    schema.into()
}

/// Writes the schema, pretty-printed, with a final newline.
pub fn render_schema(w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &report_schema())?;
    writeln!(w)
}
