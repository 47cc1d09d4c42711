//! JSON Lines records: `{"id", "text", "lang"?, "source_lang"?, "source"?, "doc"?}`, one
//! document each, or, with `doc`, one segment of the document that consecutive records sharing
//! that `doc` form; a record with a `source` is checked against it.
//!
//! Records are read one line at a time ([`Records`]), so a run over standard input or a large
//! file holds one record (or one document of segments) at a time, and a pipe gets each result
//! as soon as its record is checked.

use std::io::BufRead;

use serde::Deserialize;

use mtlint::Error;

use super::inputs::{Input, io_error};

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

/// The inputs of a JSON Lines stream, read line by line: a record, the segments of one
/// document (consecutive records sharing a `doc`), or the error of a bad line (naming the
/// line). Invalid UTF-8 or a read error ends the stream with that error.
pub(super) struct Records<R> {
    shown: String,
    reader: R,
    /// The line read last (1-based) and the bytes read before it.
    line: usize,
    offset: usize,
    buf: Vec<u8>,
    /// Segments of a document still open (more records of its `doc` may follow).
    open: Option<Input>,
    /// An input read after the open document, to be returned once it is.
    next: Option<Input>,
    done: bool,
}

impl<R: BufRead> Records<R> {
    pub(super) fn new(shown: &str, reader: R) -> Self {
        Self {
            shown: shown.to_string(),
            reader,
            line: 0,
            offset: 0,
            buf: Vec::new(),
            open: None,
            next: None,
            done: false,
        }
    }

    /// The next input of the stream itself (segments one record at a time), or `None` at its
    /// end.
    fn read(&mut self) -> Option<Input> {
        loop {
            if self.done {
                return None;
            }
            self.buf.clear();
            let start = self.offset;
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(n) => self.offset += n,
                Err(e) => {
                    self.done = true;
                    return Some(Input::Broken {
                        shown: self.shown.clone(),
                        error: io_error(&self.shown, &e),
                    });
                }
            }
            self.line += 1;
            let mut bytes = &self.buf[..];
            let mut bom = false;
            if self.line == 1 && bytes.starts_with("\u{feff}".as_bytes()) {
                bytes = &bytes[3..];
                bom = true;
            }
            let line = match std::str::from_utf8(bytes) {
                Ok(l) => l,
                Err(e) => {
                    self.done = true;
                    let valid = e.valid_up_to();
                    let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
                    let skipped = if bom { 3 } else { 0 };
                    return Some(Input::Broken {
                        shown: self.shown.clone(),
                        error: Error::Decode {
                            path: self.shown.clone(),
                            offset: start + skipped + valid,
                            line: self.line,
                            column: prefix.chars().count() + 1,
                        },
                    });
                }
            };
            let line = line.strip_suffix('\n').unwrap_or(line);
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() {
                continue;
            }
            return Some(match serde_json::from_str::<Record>(line) {
                Ok(record) if record.is_segment() => Input::Segments {
                    file: self.shown.clone(),
                    doc: record.doc.clone(),
                    lines: vec![self.line],
                    segments: vec![record.segment()],
                },
                Ok(record) => Input::Record {
                    file: self.shown.clone(),
                    line: self.line,
                    record,
                },
                Err(e) => Input::Broken {
                    shown: format!("{}:{}", self.shown, self.line),
                    error: Error::Usage(format!(
                        "{}:{}:{}: not a JSON Lines record {{\"id\", \"text\", \"lang\"?, \"source_lang\"?, \"source\"?, \"doc\"?}}: {e}",
                        self.shown,
                        self.line,
                        e.column()
                    )),
                },
            });
        }
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        loop {
            if let Some(input) = self.next.take() {
                match input {
                    // A document's first segment: more may follow.
                    Input::Segments { doc: Some(_), .. } => self.open = Some(input),
                    other => return Some(other),
                }
            }
            match self.read() {
                None => return self.open.take(),
                Some(Input::Segments {
                    doc: Some(d),
                    segments,
                    file,
                    lines,
                }) => match &mut self.open {
                    Some(Input::Segments {
                        doc: Some(open),
                        segments: held,
                        lines: held_lines,
                        ..
                    }) if *open == d => {
                        held.extend(segments);
                        held_lines.extend(lines);
                    }
                    _ => {
                        self.next = Some(Input::Segments {
                            doc: Some(d),
                            segments,
                            file,
                            lines,
                        });
                        if let Some(open) = self.open.take() {
                            return Some(open);
                        }
                    }
                },
                Some(other) => {
                    if let Some(open) = self.open.take() {
                        self.next = Some(other);
                        return Some(open);
                    }
                    return Some(other);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<String> {
        Records::new("t.jsonl", text.as_bytes())
            .map(|i| match i {
                Input::Record { record, .. } => format!("r:{}", record.id()),
                Input::Segments { segments, .. } => format!(
                    "s:{}",
                    segments
                        .iter()
                        .map(|s| s.id.as_str())
                        .collect::<Vec<_>>()
                        .join("+")
                ),
                Input::Broken { error, .. } => format!("e:{error}"),
                _ => "other".into(),
            })
            .collect()
    }

    #[test]
    fn records_documents_and_bad_lines_in_order() {
        let text = "\u{feff}{\"id\":1,\"text\":\"a\"}\r\n\n{\"id\":\"x\",\"doc\":\"d\",\"text\":\"b\"}\n{\"id\":\"y\",\"doc\":\"d\",\"text\":\"c\"}\n{\"id\":\"z\",\"doc\":\"e\",\"text\":\"c\"}\nnot json\n{\"id\":2,\"source\":\"s\",\"text\":\"t\"}\n{\"id\":3,\"source\":\"s\",\"text\":\"t\"}";
        let got = kinds(text);
        assert_eq!(got[0], "r:1");
        assert_eq!(got[1], "s:x+y");
        assert_eq!(got[2], "s:z");
        assert!(got[3].starts_with("e:t.jsonl:6:"), "{}", got[3]);
        // Records with a source but no `doc` are documents of their own.
        assert_eq!(&got[4..], ["s:2", "s:3"]);
    }

    #[test]
    fn invalid_utf8_ends_the_stream_at_its_line_and_column() {
        let mut bytes = b"{\"id\":1,\"text\":\"a\"}\n{\"id\":2,\"text\":\"\xC3\xA9".to_vec();
        bytes.extend_from_slice(b"\xFF\"}\n{\"id\":3,\"text\":\"c\"}\n");
        let got: Vec<Input> = Records::new("t.jsonl", &bytes[..]).collect();
        assert_eq!(got.len(), 2);
        match &got[1] {
            Input::Broken {
                error:
                    Error::Decode {
                        offset,
                        line,
                        column,
                        ..
                    },
                ..
            } => {
                assert_eq!((*line, *column), (2, 18));
                assert_eq!(*offset, 20 + 18);
            }
            _ => panic!("not a decode error"),
        }
    }
}
