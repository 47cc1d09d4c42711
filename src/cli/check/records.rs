//! JSON Lines records: `{"id", "text", "lang"?, "source_lang"?}`, one document each.

use serde::Deserialize;

use mtlint::Error;

use super::inputs::Input;

#[derive(Debug, Deserialize)]
pub(super) struct Record {
    pub(super) id: serde_json::Value,
    pub(super) text: String,
    pub(super) lang: Option<String>,
    pub(super) source_lang: Option<String>,
}

impl Record {
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
            Ok(record) => out.push(Input::Record {
                file: shown.to_string(),
                record,
            }),
            Err(e) => out.push(Input::Broken {
                shown: format!("{shown}:{}", n + 1),
                error: Error::Usage(format!(
                    "{shown}:{}:{}: not a JSON Lines record {{\"id\", \"text\", \"lang\"?, \"source_lang\"?}}: {e}",
                    n + 1,
                    e.column()
                )),
            }),
        }
    }
    out
}
