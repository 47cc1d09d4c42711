//! JSON Lines records: `{"id", "text", "lang"?, "source_lang"?, "source"?, "doc"?}`, one
//! document each, or, with `doc`, one segment of the document that consecutive records sharing
//! that `doc` form; a record with a `source` is checked against it.

use serde::Deserialize;

use mtlint::Error;

use super::inputs::Input;

#[derive(Debug, Deserialize)]
pub(super) struct Record {
    pub(super) id: serde_json::Value,
    pub(super) text: String,
    pub(super) lang: Option<String>,
    pub(super) source_lang: Option<String>,
    /// The source text this record translates.
    #[serde(default)]
    pub(super) source: Option<String>,
    /// The document this record belongs to.
    #[serde(default)]
    pub(super) doc: Option<serde_json::Value>,
}

impl Record {
    /// Whether the record is a segment of a document or has a source (bilingual input).
    pub(super) fn is_segment(&self) -> bool {
        self.doc.is_some() || self.source.is_some()
    }

    pub(super) fn segment(&self) -> mtlint::bitext::SegmentInput {
        mtlint::bitext::SegmentInput {
            id: self.id(),
            source: self.source.clone(),
            text: self.text.clone(),
            lang: self.lang.clone(),
            source_lang: self.source_lang.clone(),
        }
    }

    pub(super) fn id(&self) -> String {
        match &self.id {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        }
    }
}

/// Reads JSON Lines records; a bad line is an error naming the line.
pub(super) fn records(shown: &str, text: &str) -> Vec<Input> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Record>(line) {
            Ok(record) if record.is_segment() => {
                // Consecutive records of one `doc` form one document.
                if let Some(Input::Segments { segments, doc, .. }) = out.last_mut()
                    && record.doc.is_some()
                    && *doc == record.doc
                {
                    segments.push(record.segment());
                    continue;
                }
                out.push(Input::Segments {
                    file: shown.to_string(),
                    doc: record.doc.clone(),
                    segments: vec![record.segment()],
                });
            }
            Ok(record) => out.push(Input::Record {
                file: shown.to_string(),
                record,
            }),
            Err(e) => out.push(Input::Broken {
                shown: format!("{shown}:{}", n + 1),
                error: Error::Usage(format!(
                    "{shown}:{}:{}: not a JSON Lines record {{\"id\", \"text\", \"lang\"?, \"source_lang\"?, \"source\"?, \"doc\"?}}: {e}",
                    n + 1,
                    e.column()
                )),
            }),
        }
    }
    out
}
