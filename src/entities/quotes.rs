//! Quoted speech: the spans between paired quotation marks, per paragraph.
//!
//! Curly and angle quotes pair by their direction (“…”, ‘…’ only when they open a quote, «…»,
//! „…“, 「…」, 『…』, and the title marks 《…》); straight double quotes pair in turn. A quote left open at the end of a
//! paragraph runs to the paragraph's end, as news quotes that continue into the next paragraph do.

use crate::document::{Document, Span};

/// Opening marks and the marks that close them.
const PAIRS: &[(char, &[char])] = &[
    ('“', &['”']),
    ('«', &['»']),
    ('„', &['“', '”']),
    ('「', &['」']),
    ('『', &['』']),
    ('"', &['"']),
    ('《', &['》']),
];

/// Quoted spans of the document, sorted and non-overlapping (the marks included).
pub fn quote_spans(doc: &Document) -> Vec<Span> {
    let mut out = Vec::new();
    for p in doc.paragraphs() {
        let text = doc.slice(p.span);
        let mut open: Option<(usize, &[char])> = None;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Every mark is '"' or beyond ASCII: other ASCII bytes are skipped undecoded.
            if bytes[i] < 0x80 && bytes[i] != b'"' {
                i += 1;
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let at = i;
            i += c.len_utf8();
            match open {
                Some((start, closers)) if closers.contains(&c) => {
                    out.push(Span::new(p.span.start + start, p.span.start + i));
                    open = None;
                }
                Some(_) => {}
                None => {
                    if let Some((_, closers)) = PAIRS.iter().find(|(o, _)| *o == c) {
                        open = Some((at, closers));
                    }
                }
            }
        }
        if let Some((start, _)) = open {
            out.push(Span::new(p.span.start + start, p.span.end));
        }
    }
    out
}

/// Whether `offset` lies inside one of `spans` (sorted, non-overlapping).
pub fn inside(spans: &[Span], offset: usize) -> bool {
    let i = spans.partition_point(|s| s.end <= offset);
    spans.get(i).is_some_and(|s| s.start <= offset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Segmentation;

    #[test]
    fn pairs_quotes_per_paragraph() {
        let text =
            "He said “stop it” and \"go\".\n\n«Non» et „ja“ und 「はい」.\n\n“Open to the end";
        let doc = Document::new(text, &Segmentation::default());
        let quotes: Vec<&str> = quote_spans(&doc).iter().map(|s| doc.slice(*s)).collect();
        assert_eq!(
            quotes,
            vec![
                "“stop it”",
                "\"go\"",
                "«Non»",
                "„ja“",
                "「はい」",
                "“Open to the end"
            ]
        );
        let spans = quote_spans(&doc);
        assert!(inside(&spans, text.find("stop").unwrap()));
        assert!(!inside(&spans, text.find("and").unwrap()));
    }
}
