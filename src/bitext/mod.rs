//! Bilingual input: a document made of segments, each a target text with (usually) its source.
//!
//! The target texts of a document are joined into one text, a blank line between segments, so
//! the target-only checks see the whole document (drift, repeated sentences, name forms, the
//! score); the bilingual checks ([`crate::checks`] kinds `source-*`) compare each segment's
//! target with its source. Findings are then split back per segment, with spans into that
//! segment's own target text.

pub mod align;
pub mod glossary;
pub mod po;
pub mod xml;

use crate::document::Span;
use crate::error::Error;

/// The segments read from a bilingual file (XLIFF, TMX, PO), with the languages it declares.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BilingualFile {
    /// The documents of the file (an XLIFF `<file>` each), each its segments in order.
    pub documents: Vec<Vec<SegmentInput>>,
    pub source_lang: Option<String>,
    pub target_lang: Option<String>,
}

/// The bilingual formats read from a file's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BilingualFormat {
    Po,
    Xliff,
    Tmx,
}

impl BilingualFormat {
    pub fn from_path(path: &str) -> Option<Self> {
        let ext = path.rsplit('.').next()?.to_ascii_lowercase();
        match ext.as_str() {
            "po" | "pot" => Some(Self::Po),
            "xlf" | "xliff" => Some(Self::Xliff),
            "tmx" => Some(Self::Tmx),
            _ => None,
        }
    }

    /// Reads the segments of `text`, the contents of `path`.
    pub fn read(self, path: &str, text: &str) -> Result<BilingualFile, Error> {
        let text = text.trim_start_matches('\u{feff}');
        match self {
            Self::Po => po::read(path, text),
            Self::Xliff => xml::read(path, text, xml::Kind::Xliff),
            Self::Tmx => xml::read(path, text, xml::Kind::Tmx),
        }
    }
}

/// Whether a text stops without a sentence's final mark (a comma, a colon, a word).
pub fn stops_mid_sentence(text: &str) -> bool {
    text.trim_end().chars().next_back().is_some_and(|c| {
        !matches!(
            c,
            '.' | '!'
                | '?'
                | '。'
                | '！'
                | '？'
                | '…'
                | '"'
                | '\''
                | '”'
                | '’'
                | '」'
                | '』'
                | ')'
                | '）'
                | '»'
        )
    })
}

/// An error at a 1-based line and column of a bilingual input file.
pub(crate) fn input_error(
    path: &str,
    _text: &str,
    line: usize,
    column: usize,
    message: impl Into<String>,
) -> Error {
    Error::Input {
        path: path.to_string(),
        line,
        column,
        message: message.into(),
    }
}

/// One segment to check: a JSON Lines record, a translation unit, or an aligned sentence pair.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SegmentInput {
    /// The record or unit id; each segment gets its own entry in the report under it.
    pub id: String,
    /// The source text, when known.
    pub source: Option<String>,
    /// The target text (the translation checked).
    pub text: String,
    pub lang: Option<String>,
    pub source_lang: Option<String>,
}

/// A segment placed in the joined document text.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub id: String,
    pub source: Option<String>,
    /// The segment's target text in the joined document text.
    pub target: Span,
    /// Where the segment's source starts in the source file (0 when sources are separate).
    pub source_start: usize,
}

/// The segments of one document, in order, placed in the joined text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Bitext {
    pub segments: Vec<Segment>,
    /// The source language, when known.
    pub source_lang: Option<String>,
    /// The glossary given with `--glossary`, for the `source-glossary` check.
    pub glossary: Option<std::sync::Arc<glossary::Glossary>>,
}

/// Between two segments in the joined text: a paragraph break.
pub const SEPARATOR: &str = "\n\n";

impl Bitext {
    /// Joins the targets of `inputs` into one text and places each segment in it.
    pub fn join(inputs: &[SegmentInput]) -> (String, Bitext) {
        let mut text = String::new();
        let mut segments = Vec::with_capacity(inputs.len());
        for (i, s) in inputs.iter().enumerate() {
            if i > 0 {
                text.push_str(SEPARATOR);
            }
            let start = text.len();
            text.push_str(&s.text);
            segments.push(Segment {
                id: s.id.clone(),
                source: s.source.clone(),
                target: Span::new(start, text.len()),
                source_start: 0,
            });
        }
        (
            text,
            Bitext {
                segments,
                source_lang: None,
                glossary: None,
            },
        )
    }

    /// The index of the segment whose target contains byte `offset` of the joined text (a
    /// separator belongs to the segment before it).
    pub fn segment_at(&self, offset: usize) -> Option<usize> {
        let i = self.segments.partition_point(|s| s.target.start <= offset);
        i.checked_sub(1)
    }

    /// Whether any segment has a source text.
    pub fn has_sources(&self) -> bool {
        self.segments.iter().any(|s| s.source.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(id: &str, text: &str) -> SegmentInput {
        SegmentInput {
            id: id.into(),
            text: text.into(),
            ..SegmentInput::default()
        }
    }

    #[test]
    fn join_places_each_segment() {
        let (text, b) = Bitext::join(&[input("a", "One."), input("b", ""), input("c", "Three.")]);
        assert_eq!(text, "One.\n\n\n\nThree.");
        assert_eq!(b.segments[0].target, Span::new(0, 4));
        assert_eq!(b.segments[1].target, Span::new(6, 6));
        assert_eq!(b.segments[2].target, Span::new(8, 14));
        assert_eq!(b.segment_at(0), Some(0));
        assert_eq!(b.segment_at(5), Some(0));
        assert_eq!(b.segment_at(8), Some(2));
        assert_eq!(b.segment_at(13), Some(2));
    }
}
